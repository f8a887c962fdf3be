package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.jboss.logging.Logger;

import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.quarkus.runtime.Startup;

/**
 * Detects what a document is from its content and extracts its text and metadata with Apache Tika. Refuses
 * (with a {@link io.policywatch.support.problem.ProblemException}) what it cannot turn into text.
 */
@Singleton
@Startup // Tika loads its parsers and type registry once, not on the first upload
public class TextExtractor {

    private static final Logger LOG = Logger.getLogger(TextExtractor.class);
    /** Fewer characters per page than this, and pages are probably scans. */
    private static final int MIN_CHARACTERS_PER_PAGE = 20;
    private static final int MAX_WARNING_LENGTH = 300;

    private final TikaConfig tika;
    private final AutoDetectParser parser;
    private final LanguageGuesser languages;
    private final IngestConfig config;
    /** Parsing runs here so that it can be timed out and bounded; the calling worker thread waits. */
    private final ParsingPool parsing;

    public TextExtractor(LanguageGuesser languages, IngestConfig config) throws MimeTypeException, IOException {
        // Tika looks for parsers and media types (META-INF/services, custom-mimetypes.xml) through this loader:
        // under Quarkus only the application's one sees what the application and its tests add.
        this.tika = new TikaConfig(Thread.currentThread().getContextClassLoader());
        this.parser = new AutoDetectParser(tika);
        this.languages = languages;
        this.config = config;
        this.parsing = new ParsingPool(config.parseThreads(), config.parseQueue(), config.maxAbandonedParses());
        parser.setAutoDetectParserConfig(securityLimits(config));
    }

    @PreDestroy
    void stop() {
        parsing.close();
    }

    ParsingPool parsing() {
        return parsing;
    }

    /** Blocks for as long as parsing takes, at most the configured parse timeout. */
    public Extraction extract(Path file) throws IOException {
        MediaType detected = detect(file);
        if (!AcceptedTypes.accepts(detected, tika.getMediaTypeRegistry())) {
            throw UploadProblems.unsupportedType(detected.toString());
        }
        Optional<String> damage = Integrity.damage(file, detected, tika.getMediaTypeRegistry());
        if (damage.isPresent()) {
            throw UploadProblems.unreadable(detected.toString(), damage.get());
        }
        Parsed parsed = parseWithin(file, detected);
        String text = TextCleanup.clean(parsed.text());
        if (text.isBlank()) {
            throw UploadProblems.noText(detected.toString());
        }
        Metadata metadata = parsed.metadata();
        Integer pageCount = firstInt(metadata, PagedText.N_PAGES, Office.PAGE_COUNT);
        List<String> warnings = new ArrayList<>();
        if (parsed.truncated()) {
            warnings.add("text truncated after " + config.maxTextCharacters() + " characters");
        }
        if (pageCount != null && text.length() < (long) pageCount * MIN_CHARACTERS_PER_PAGE) {
            warnings.add("little or no text layer on " + pageCount
                    + " pages: some may be scanned images (OCR is not enabled)");
        }
        parserWarnings(metadata).forEach(warnings::add);
        String contentType = metadata.get(Metadata.CONTENT_TYPE);
        return new Extraction(
                contentType == null ? detected.toString() : contentType,
                joined(metadata, TikaCoreProperties.TITLE),
                authorOf(metadata),
                pageCount,
                languages.guess(text),
                text,
                List.copyOf(warnings));
    }

    /** The usual file extension of a media type (".pdf"), or "" when Tika knows none. */
    public String extensionFor(String contentType) {
        MediaType type = MediaType.parse(contentType);
        if (type == null) {
            return "";
        }
        try {
            return tika.getMimeRepository().forName(type.getBaseType().toString()).getExtension();
        } catch (MimeTypeException e) {
            return "";
        }
    }

    private MediaType detect(Path file) throws IOException {
        // Only the content decides: a file name or declared type can lie.
        try (InputStream in = TikaInputStream.get(file)) {
            return tika.getDetector().detect(in, new Metadata());
        }
    }

    private Parsed parseWithin(Path file, MediaType detected) throws IOException {
        try {
            return parsing.run(() -> parse(file), config.parseTimeout());
        } catch (ParsingPool.Busy e) {
            throw UploadProblems.busy(e.getMessage());
        } catch (TimeoutException e) {
            throw UploadProblems.parseTimeout(config.parseTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting text", e);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            LOG.debugf(failure, "Tika could not read a %s document", detected);
            throw UploadProblems.unreadable(detected.toString(), reasonOf(failure));
        }
    }

    private Parsed parse(Path file) throws Exception {
        Metadata metadata = new Metadata();
        BodyContentHandler text = new BodyContentHandler(config.maxTextCharacters());
        boolean truncated = false;
        ParseContext context = parseContext();
        NestingLimit nesting = new NestingLimit(context, config.maxNestingDepth());
        context.set(EmbeddedDocumentExtractor.class, nesting);
        try (InputStream in = TikaInputStream.get(file)) {
            parser.parse(in, text, metadata, context);
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
            truncated = true;
        }
        if (nesting.exceeded()) {
            throw new TikaException("its embedded documents nest deeper than " + config.maxNestingDepth() + " levels");
        }
        return new Parsed(text.toString(), metadata, truncated);
    }

    private ParseContext parseContext() {
        // OCR is off whatever is installed on the machine: it is slow and a later feature.
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        ParseContext context = new ParseContext();
        // Embedded documents (attachments, forwarded messages) are parsed with the same parser, through NestingLimit.
        context.set(Parser.class, parser);
        context.set(PDFParserConfig.class, pdf);
        context.set(TesseractOCRConfig.class, ocr);
        return context;
    }

    /**
     * Tika's SecureContentHandler stops a parse whose text grows far beyond its input (a zip bomb: by Tika's
     * defaults, more than a million characters at over 100 per input byte) or whose elements or embedded documents
     * nest too deeply.
     */
    private static AutoDetectParserConfig securityLimits(IngestConfig config) {
        AutoDetectParserConfig limits = new AutoDetectParserConfig();
        limits.setMaximumDepth(config.maxElementDepth());
        limits.setMaximumPackageEntryDepth(config.maxNestingDepth());
        return limits;
    }

    private static String reasonOf(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Tika's and POI's exceptions of that name both mean a password is needed.
            if (cause.getClass().getSimpleName().equals(EncryptedDocumentException.class.getSimpleName())) {
                return "it is encrypted (password-protected)";
            }
            innermost = cause;
        }
        String message = innermost.getMessage() != null ? innermost.getMessage() : failure.getMessage();
        return message == null || message.isBlank() ? innermost.getClass().getSimpleName() : firstLine(message);
    }

    private static List<String> parserWarnings(Metadata metadata) {
        return Arrays.stream(metadata.getValues(TikaCoreProperties.TIKA_META_EXCEPTION_WARNING))
                .map(warning -> "parser warning: " + firstLine(warning))
                .toList();
    }

    private static String authorOf(Metadata metadata) {
        String creator = joined(metadata, TikaCoreProperties.CREATOR);
        return creator != null ? creator : joined(metadata, TikaCoreProperties.PUBLISHER);
    }

    private static String joined(Metadata metadata, Property property) {
        List<String> values = Arrays.stream(metadata.getValues(property))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
        return values.isEmpty() ? null : String.join("; ", values);
    }

    private static Integer firstInt(Metadata metadata, Property... properties) {
        for (Property property : properties) {
            Integer value = metadata.getInt(property);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= MAX_WARNING_LENGTH ? line : line.substring(0, MAX_WARNING_LENGTH) + "…";
    }

    private record Parsed(String text, Metadata metadata, boolean truncated) {
    }

}
