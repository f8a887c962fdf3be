package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.parser.AutoDetectParser;
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

    private final TikaConfig tika = TikaConfig.getDefaultConfig();
    private final Parser parser = new AutoDetectParser(tika);
    private final LanguageGuesser languages;
    private final IngestConfig config;
    /** Parsing runs here so that it can be timed out; the calling worker thread waits. */
    private final ExecutorService parsing = Executors.newCachedThreadPool(new ParseThreads());

    public TextExtractor(LanguageGuesser languages, IngestConfig config) {
        this.languages = languages;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        parsing.shutdownNow();
    }

    /** Blocks for as long as parsing takes, at most the configured parse timeout. */
    public Extraction extract(Path file) throws IOException {
        MediaType detected = detect(file);
        if (!AcceptedTypes.accepts(detected, tika.getMediaTypeRegistry())) {
            throw UploadProblems.unsupportedType(detected.toString());
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
        Future<Parsed> parse = parsing.submit(() -> parse(file));
        try {
            return parse.get(config.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A parser that ignores the interrupt runs on in the background; the upload is answered anyway.
            parse.cancel(true);
            throw UploadProblems.parseTimeout(config.parseTimeout());
        } catch (InterruptedException e) {
            parse.cancel(true);
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
        try (InputStream in = TikaInputStream.get(file)) {
            parser.parse(in, text, metadata, parseContext());
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
            truncated = true;
        }
        return new Parsed(text.toString(), metadata, truncated);
    }

    private static ParseContext parseContext() {
        // OCR is off whatever is installed on the machine: it is slow and a later feature.
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true);
        ParseContext context = new ParseContext();
        context.set(PDFParserConfig.class, pdf);
        context.set(TesseractOCRConfig.class, ocr);
        return context;
    }

    private static String reasonOf(Throwable failure) {
        if (failure instanceof EncryptedDocumentException) {
            return "it is encrypted";
        }
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
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

    private static final class ParseThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "tika-parse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
