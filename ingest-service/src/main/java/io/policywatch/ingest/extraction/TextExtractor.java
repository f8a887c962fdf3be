package io.policywatch.ingest.extraction;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
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
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
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
    private static final int OCR_DPI = 200;
    public static final String OCR_USED = "no text layer; OCR used";
    /**
     * The most text an event carries: Kafka records are limited to 16 MiB (max.request.size), and the rest of the
     * event and JSON's escapes need some room.
     */
    private static final long MAX_TEXT_BYTES = 15L * 1024 * 1024;
    /** Metadata that names a publication date: Dublin Core's "issued" as HTML and XMP write it, Open Graph's. */
    private static final List<String> PUBLISHED_NAMES = List.of("dcterms:issued", "dcterms.issued", "DC.date.issued",
            "DCTERMS.issued", "article:published_time", "citation_publication_date");

    private final TikaConfig tika;
    private final AutoDetectParser parser;
    private final LanguageGuesser languages;
    private final IngestConfig config;
    /** Whether scans and images are OCR'd: enabled, and tesseract is on the PATH. */
    private final boolean ocr;
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
        this.ocr = config.ocrEnabled() && tesseractOnPath();
        if (ocr && !"1".equals(System.getenv("OMP_THREAD_LIMIT"))) {
            LOG.warn("OCR with tesseract is on, but OMP_THREAD_LIMIT is not 1: tesseract's threads will fight over the"
                    + " cores (several times slower); set OMP_THREAD_LIMIT=1 in this service's environment");
        }
        LOG.infof("OCR of scans and images: %s", ocr ? "tesseract, languages " + config.ocrLanguages()
                : config.ocrEnabled() ? "not available (no tesseract on the PATH)" : "disabled");
        parser.setAutoDetectParserConfig(securityLimits(config));
    }

    @PreDestroy
    void stop() {
        parsing.close();
    }

    ParsingPool parsing() {
        return parsing;
    }

    /**
     * Blocks for as long as parsing takes, at most the configured parse timeout.
     *
     * @throws io.policywatch.support.problem.ProblemException 415 for what is no text document, 422 for what cannot
     *         be read (damaged, encrypted, no text, too much text, too slow), 503 when every parse thread is taken
     */
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
        if (parsed.truncated()) {
            throw UploadProblems.tooMuchText(detected.toString(), config.maxTextCharacters() + " characters");
        }
        String text = TextCleanup.clean(parsed.text());
        Metadata metadata = parsed.metadata();
        Integer pageCount = firstInt(metadata, PagedText.N_PAGES, Office.PAGE_COUNT);
        boolean image = AcceptedTypes.isScan(detected, tika.getMediaTypeRegistry());
        boolean scanned = image || pageCount != null && text.length() < (long) pageCount * MIN_CHARACTERS_PER_PAGE;
        // A scan is kept, with or without text, so that its original is not lost; it is flagged instead.
        if (text.isBlank() && !scanned) {
            throw UploadProblems.noText(detected.toString());
        }
        if (utf8Length(text) > MAX_TEXT_BYTES) {
            throw UploadProblems.tooMuchText(detected.toString(), MAX_TEXT_BYTES + " bytes of UTF-8 (one Kafka record)");
        }
        List<String> warnings = new ArrayList<>();
        Integer ocrPages = metadata.getInt(PDF.OCR_PAGE_COUNT);
        if (ocr && (image || ocrPages != null && ocrPages > 0)) {
            warnings.add(OCR_USED);
        } else if (image) {
            warnings.add("no text layer: an image, and OCR is not available");
        } else if (scanned) {
            warnings.add("little or no text layer on " + pageCount + " pages: some may be scanned images ("
                    + (ocr ? "not OCR'd" : "OCR is not available") + ")");
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
                List.copyOf(warnings),
                publishedAt(metadata),
                instant(metadata, TikaCoreProperties.CREATED),
                instant(metadata, TikaCoreProperties.MODIFIED),
                languages.mix(text));
    }

    /** Whether the content is a plain zip archive (not a document in a zip container, such as DOCX or EPUB). */
    public boolean isZipArchive(Path file) throws IOException {
        return MediaType.application("zip").equals(tika.getMediaTypeRegistry().normalize(detect(file)));
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
        MediaType detected;
        try (InputStream in = TikaInputStream.get(file)) {
            detected = tika.getDetector().detect(in, new Metadata());
        }
        if (!MediaType.OCTET_STREAM.equals(detected)) {
            return detected;
        }
        return TextEncodings.textEncoding(file)
                .map(charset -> new MediaType(MediaType.TEXT_PLAIN, charset))
                .orElse(detected);
    }

    private Parsed parseWithin(Path file, MediaType detected) throws IOException {
        try {
            return parsing.run(() -> parse(file, detected), config.parseTimeout());
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

    private Parsed parse(Path file, MediaType detected) throws Exception {
        Metadata metadata = new Metadata();
        if (detected.hasParameters()) {
            // Text only TextEncodings recognised: Tika's own detection would take it for binary again.
            metadata.set(Metadata.CONTENT_TYPE, detected.toString());
        }
        BodyContentHandler text = new BodyContentHandler(config.maxTextCharacters());
        boolean truncated = false;
        ParseContext context = parseContext(ocr && isScanned(detected));
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

    /** What may be a scan, and is OCR'd: an image, or a PDF's pages without text. */
    private boolean isScanned(MediaType detected) {
        MediaTypeRegistry registry = tika.getMediaTypeRegistry();
        return AcceptedTypes.isScan(detected, registry)
                || registry.isInstanceOf(registry.normalize(detected.getBaseType()), MediaType.application("pdf"));
    }

    /**
     * @param withOcr whether to OCR: only for a scan itself, not for the images embedded in other documents (logos
     *        in a Word file, pictures attached to a message), whose OCR would be slow and rarely text of the document
     */
    private ParseContext parseContext(boolean withOcr) {
        PDFParserConfig pdf = new PDFParserConfig();
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        if (withOcr) {
            // Only pages with (almost) no text are rendered and OCR'd.
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
            // Tika renders at 300 dpi by default; 200 reads print as well, in about half the time.
            pdf.setOcrDPI(OCR_DPI);
            tesseract.setLanguage(config.ocrLanguages());
            tesseract.setTimeoutSeconds((int) Math.max(1, config.parseTimeout().toSeconds()));
        } else {
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
            tesseract.setSkipOcr(true);
        }
        ParseContext context = new ParseContext();
        // Embedded documents (attachments, forwarded messages) are parsed with the same parser, through NestingLimit.
        context.set(Parser.class, parser);
        context.set(PDFParserConfig.class, pdf);
        context.set(TesseractOCRConfig.class, tesseract);
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

    private static Instant instant(Metadata metadata, Property property) {
        Date date = metadata.getDate(property);
        return date == null ? null : date.toInstant();
    }

    /** Tika has no property for a publication date; these are the names documents give it. */
    private static Instant publishedAt(Metadata metadata) {
        for (String name : PUBLISHED_NAMES) {
            String value = metadata.get(name);
            Optional<Instant> published = value == null ? Optional.empty() : Dates.parse(value.strip());
            if (published.isPresent()) {
                return published.get();
            }
        }
        return null;
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

    /** Tika's TesseractOCRParser runs the tesseract found on the PATH. */
    private static boolean tesseractOnPath() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "tesseract")));
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String firstLine(String message) {
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= MAX_WARNING_LENGTH ? line : line.substring(0, MAX_WARNING_LENGTH) + "…";
    }

    private record Parsed(String text, Metadata metadata, boolean truncated) {
    }

}
