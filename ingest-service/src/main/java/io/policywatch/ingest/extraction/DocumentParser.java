package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

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

import io.policywatch.ingest.UploadProblems;

/**
 * Detects what a document is from its content and extracts its text and metadata with Apache Tika, with every
 * limit against hostile input. Runs in a parser worker process ({@link ParseWorker}), so that a parse exhausting
 * memory ends only that process. Refuses (with a {@link io.policywatch.support.problem.ProblemException}) what it
 * cannot turn into text.
 */
final class DocumentParser {

    /** Fewer characters per page than this, and pages are probably scans. */
    private static final int MIN_CHARACTERS_PER_PAGE = 20;
    private static final int MAX_WARNING_LENGTH = 300;
    private static final int OCR_DPI = 200;
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
    private final ParserSettings settings;

    DocumentParser(ParserSettings settings) throws MimeTypeException, IOException {
        // Tika looks for parsers and media types (META-INF/services, custom-mimetypes.xml) through this loader.
        this.tika = new TikaConfig(Thread.currentThread().getContextClassLoader());
        this.parser = new AutoDetectParser(tika);
        this.settings = settings;
        parser.setAutoDetectParserConfig(securityLimits(settings));
    }

    /**
     * @throws io.policywatch.support.problem.ProblemException 415 for what is no text document, 422 for what cannot
     *         be read (damaged, encrypted, no text, too much text)
     */
    ParsedDocument parse(Path file) throws IOException {
        MediaType detected = detect(tika, file);
        if (!AcceptedTypes.accepts(detected, tika.getMediaTypeRegistry())) {
            throw UploadProblems.unsupportedType(detected.toString());
        }
        Optional<String> damage = Integrity.damage(file, detected, tika.getMediaTypeRegistry());
        if (damage.isPresent()) {
            throw UploadProblems.unreadable(detected.toString(), damage.get());
        }
        Parsed parsed;
        try {
            parsed = parse(file, detected);
        } catch (Exception e) {
            throw UploadProblems.unreadable(detected.toString(), reasonOf(e));
        }
        if (parsed.truncated()) {
            throw UploadProblems.tooMuchText(detected.toString(), settings.maxTextCharacters() + " characters");
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
        if (settings.ocr() && (image || ocrPages != null && ocrPages > 0)) {
            warnings.add(TextExtractor.OCR_USED);
        } else if (image) {
            warnings.add("no text layer: an image, and OCR is not available");
        } else if (scanned) {
            warnings.add("little or no text layer on " + pageCount + " pages: some may be scanned images ("
                    + (settings.ocr() ? "not OCR'd" : "OCR is not available") + ")");
        }
        parserWarnings(metadata).forEach(warnings::add);
        String contentType = metadata.get(Metadata.CONTENT_TYPE);
        return new ParsedDocument(
                contentType == null ? detected.toString() : contentType,
                joined(metadata, TikaCoreProperties.TITLE),
                authorOf(metadata),
                pageCount,
                text,
                List.copyOf(warnings),
                publishedAt(metadata),
                instant(metadata, TikaCoreProperties.CREATED),
                instant(metadata, TikaCoreProperties.MODIFIED));
    }

    /** The media type of a file, from its content only: a file name or declared type can lie. */
    static MediaType detect(TikaConfig tika, Path file) throws IOException {
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

    private Parsed parse(Path file, MediaType detected) throws Exception {
        Metadata metadata = new Metadata();
        // The type is known already: detecting it again (a docx opened as a zip once more) was a tenth of the CPU.
        metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, detected.toString());
        if (detected.hasParameters()) {
            // Text only TextEncodings recognised: Tika's own detection would take it for binary again.
            metadata.set(Metadata.CONTENT_TYPE, detected.toString());
        }
        BodyContentHandler text = new BodyContentHandler(settings.maxTextCharacters());
        boolean truncated = false;
        ParseContext context = parseContext(settings.ocr() && isScanned(detected));
        NestingLimit nesting = new NestingLimit(context, settings.maxNestingDepth());
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
            throw new TikaException(
                    "its embedded documents nest deeper than " + settings.maxNestingDepth() + " levels");
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
            tesseract.setLanguage(settings.ocrLanguages());
            tesseract.setTimeoutSeconds(settings.ocrTimeoutSeconds());
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
    private static AutoDetectParserConfig securityLimits(ParserSettings settings) {
        AutoDetectParserConfig limits = new AutoDetectParserConfig();
        limits.setMaximumDepth(settings.maxElementDepth());
        limits.setMaximumPackageEntryDepth(settings.maxNestingDepth());
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
