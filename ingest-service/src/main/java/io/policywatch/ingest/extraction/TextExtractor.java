package io.policywatch.ingest.extraction;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypeException;
import org.jboss.logging.Logger;

import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.ingest.UploadSteps;
import io.policywatch.ingest.UploadSteps.Step;
import io.policywatch.ingest.extraction.WorkerProtocol.WorkerReply;
import io.quarkus.runtime.Startup;

/**
 * Extracts a document's text and metadata. The parse itself ({@link DocumentParser}: type detection, Tika, its
 * limits, text cleanup) runs in a parser worker process ({@link ParsingPool}), so that a parser that hangs or
 * exhausts memory costs one upload a 422, not the service; the languages are detected here. Refuses (with a
 * {@link io.policywatch.support.problem.ProblemException}) what it cannot turn into text.
 */
@Singleton
@Startup // the parser workers start with the service, not on the first upload
public class TextExtractor {

    private static final Logger LOG = Logger.getLogger(TextExtractor.class);
    public static final String OCR_USED = "no text layer; OCR used";

    /** For the type detection the service does itself (is an upload a zip archive?), and file extensions. */
    private final TikaConfig tika;
    private final LanguageGuesser languages;
    private final IngestConfig config;
    private final ParsingPool parsing;
    private final UploadSteps steps;

    public TextExtractor(LanguageGuesser languages, IngestConfig config, UploadSteps steps)
            throws MimeTypeException, IOException {
        // Tika looks for parsers and media types (META-INF/services, custom-mimetypes.xml) through this loader:
        // under Quarkus only the application's one sees what the application and its tests add.
        this.tika = new TikaConfig(Thread.currentThread().getContextClassLoader());
        this.languages = languages;
        this.config = config;
        this.steps = steps;
        boolean ocr = config.ocrEnabled() && tesseractOnPath();
        if (ocr && !"1".equals(System.getenv("OMP_THREAD_LIMIT"))) {
            LOG.warn("OCR with tesseract is on, but OMP_THREAD_LIMIT is not 1: tesseract's threads will fight over the"
                    + " cores (several times slower); set OMP_THREAD_LIMIT=1 in this service's environment");
        }
        LOG.infof("OCR of scans and images: %s", ocr ? "tesseract, languages " + config.ocrLanguages()
                : config.ocrEnabled() ? "not available (no tesseract on the PATH)" : "disabled");
        LOG.infof("Parsing in %d worker processes of at most %s heap each", config.parseThreads(), heap());
        this.parsing = new ParsingPool(WorkerCommand.of(config.parserHeap().asLongValue(), config.parserJvmOptions()),
                ParserSettings.of(config, ocr), config.parseThreads(), config.parseQueue());
    }

    @PreDestroy
    void stop() {
        parsing.close();
    }

    ParsingPool parsing() {
        return parsing;
    }

    /**
     * Blocks for as long as parsing takes, at most the configured parse timeout once a worker has the document.
     *
     * @throws io.policywatch.support.problem.ProblemException 415 for what is no text document, 422 for what cannot
     *         be read (damaged, encrypted, no text, too much text, too slow, exhausting the parser's memory), 503
     *         when every parser worker is taken
     */
    public Extraction extract(Path file) throws IOException {
        long parseStart = System.nanoTime();
        WorkerReply reply = parse(file);
        steps.finished(Step.PARSE, parseStart);
        if (reply.refusal() != null) {
            throw reply.refusal().toException();
        }
        if (reply.failure() != null) {
            throw new IOException("the parser worker failed: " + reply.failure());
        }
        ParsedDocument parsed = reply.document();
        long languageStart = System.nanoTime();
        LanguageGuesser.Languages detected = languages.detect(parsed.text());
        steps.finished(Step.LANGUAGE, languageStart);
        return new Extraction(
                parsed.contentType(),
                parsed.metadataTitle(),
                parsed.author(),
                parsed.pageCount(),
                detected.main(),
                parsed.text(),
                parsed.warnings(),
                parsed.publishedAt(),
                parsed.createdAt(),
                parsed.modifiedAt(),
                detected.mix());
    }

    /** Whether the content is a plain zip archive (not a document in a zip container, such as DOCX or EPUB). */
    public boolean isZipArchive(Path file) throws IOException {
        return MediaType.application("zip")
                .equals(tika.getMediaTypeRegistry().normalize(DocumentParser.detect(tika, file)));
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

    private WorkerReply parse(Path file) throws IOException {
        try {
            return parsing.parse(file, config.parseTimeout());
        } catch (ParsingPool.Busy e) {
            throw UploadProblems.busy(e.getMessage());
        } catch (TimeoutException e) {
            throw UploadProblems.parseTimeout(config.parseTimeout());
        } catch (WorkerProcess.Died e) {
            if (e.outOfMemory()) {
                LOG.warnf("A parser worker ran out of memory (%s heap) on %s and was replaced", heap(), file);
                throw UploadProblems.parserOutOfMemory(heap());
            }
            LOG.warnf("A parser worker crashed (%s) on %s and was replaced", e.getMessage(), file);
            throw UploadProblems.parserCrashed("its worker process ended with exit status " + e.exitStatus());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting text", e);
        }
    }

    private String heap() {
        return config.parserHeap().asLongValue() / (1024 * 1024) + " MiB";
    }

    /** Tika's TesseractOCRParser runs the tesseract found on the PATH. */
    private static boolean tesseractOnPath() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "tesseract")));
    }
}
