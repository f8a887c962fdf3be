package io.policywatch.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import jakarta.inject.Singleton;

import io.policywatch.ingest.IngestConfig;
import io.policywatch.ingest.UploadProblems;
import io.policywatch.ingest.extraction.TextExtractor;
import io.policywatch.support.problem.ProblemException;

/**
 * Several documents in one request: each file of the form, and each entry of a zip archive among them, is ingested
 * on its own, so that one bad file costs only its own outcome.
 */
@Singleton
public class BatchUpload {

    static final String INSTANCE = "/documents/batch";

    private final DocumentIngestion ingestion;
    private final TextExtractor extractor;
    private final int maxEntries;
    private final long maxExpansion;

    public BatchUpload(DocumentIngestion ingestion, TextExtractor extractor, IngestConfig config) {
        this.ingestion = ingestion;
        this.extractor = extractor;
        this.maxEntries = config.maxArchiveEntries();
        this.maxExpansion = config.maxArchiveExpansion().asLongValue();
    }

    /** The outcome of the file, or of every entry when it is a zip archive, added to outcomes. */
    void ingest(Path part, UploadDetails details, List<PartOutcome> outcomes) throws IOException {
        String name = details.filename() != null ? details.filename() : "file-" + (outcomes.size() + 1);
        try (StagedUpload upload = StagedUpload.inPlace(part)) {
            if (upload.size() > 0 && extractor.isZipArchive(upload.file())) {
                expand(upload.file(), name, details, outcomes);
            } else {
                outcomes.add(PartOutcome.accepted(name, ingestion.ingest(upload, details)));
            }
        } catch (ProblemException refusal) {
            outcomes.add(PartOutcome.refused(name, refusal, INSTANCE));
        }
    }

    /**
     * Archives in the archive are not opened (the entry is refused as an archive), which bounds nesting; the
     * entries of a document (a DOCX is a zip too) are Tika's, under its own limits.
     */
    private void expand(Path archive, String name, UploadDetails details, List<PartOutcome> outcomes)
            throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > maxEntries) {
                throw UploadProblems.archiveTooLarge("it has " + zip.size() + " entries, more than the limit of "
                        + maxEntries);
            }
            ExpansionLimit expansion = new ExpansionLimit();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    String entryName = name + "!/" + entry.getName();
                    try (InputStream content = expansion.count(zip.getInputStream(entry))) {
                        ingestEntry(content, entryName, details.forFile(entry.getName()), outcomes);
                    } catch (ZipException e) {
                        outcomes.add(PartOutcome.refused(entryName, UploadProblems.unreadableArchive(e.getMessage()),
                                INSTANCE));
                    }
                }
            }
        } catch (ZipException e) {
            throw UploadProblems.unreadableArchive(e.getMessage());
        }
    }

    private void ingestEntry(InputStream content, String entryName, UploadDetails details, List<PartOutcome> outcomes)
            throws IOException {
        try (StagedUpload upload = ingestion.stage(content)) {
            outcomes.add(PartOutcome.accepted(entryName, ingestion.ingest(upload, details)));
        } catch (ProblemException refusal) {
            outcomes.add(PartOutcome.refused(entryName, refusal, INSTANCE));
        }
    }

    /** Counts the bytes read from all entries of one archive, refusing once they pass the limit. */
    private final class ExpansionLimit {
        private long expanded;

        InputStream count(InputStream entry) {
            return new FilterInputStream(entry) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    add(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    add(Math.max(read, 0));
                    return read;
                }
            };
        }

        private void add(int bytes) {
            expanded += bytes;
            if (expanded > maxExpansion) {
                throw UploadProblems.archiveTooLarge("its entries expand to more than the limit of " + maxExpansion
                        + " bytes");
            }
        }
    }
}
