package io.policywatch.ingest.upload;

import java.time.Instant;

import io.policywatch.ingest.UploadProblems;
import io.policywatch.ingest.extraction.Dates;

/**
 * What the uploader says about a document, beside its bytes. Every field may be null.
 *
 * @param filename the name it was uploaded under, without any directory part
 */
record UploadDetails(String filename, String title, String source, Instant publishedAt) {

    private static final int MAX_FILENAME_LENGTH = 255;

    /** @throws io.policywatch.support.problem.ProblemException 400 for a publishedAt that is no ISO-8601 date */
    static UploadDetails of(String filename, String title, String source, String publishedAt) {
        return new UploadDetails(baseName(filename), blankToNull(title), blankToNull(source), instant(publishedAt));
    }

    /** The same details for another file of a batch, which shares the source and publication time. */
    UploadDetails forFile(String name) {
        return new UploadDetails(baseName(name), null, source, publishedAt);
    }

    private static String baseName(String filename) {
        String name = blankToNull(filename);
        if (name == null) {
            return null;
        }
        // Some browsers send the client's path ("C:\fakepath\x.pdf"); it is of no use and should not be echoed.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).replaceAll("\\p{Cntrl}", "");
        return name.isBlank() ? null : name.substring(0, Math.min(name.length(), MAX_FILENAME_LENGTH));
    }

    private static Instant instant(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        return Dates.parse(text).orElseThrow(() -> UploadProblems.badParameter("publishedAt",
                "must be an ISO-8601 date (2024-05-01) or instant (2024-05-01T10:00:00Z), not '" + text + "'"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
