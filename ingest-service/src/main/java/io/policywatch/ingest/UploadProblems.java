package io.policywatch.ingest;

import java.time.Duration;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import io.policywatch.support.problem.ProblemException;

/**
 * Every way an upload can be refused, each with its problem type URI, so that a client can tell them apart
 * without parsing the detail text.
 */
public final class UploadProblems {

    private static final String TYPES = "https://policywatch.io/problems/";

    /** Jakarta REST has no constant for 422. */
    public static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Status.Family getFamily() {
            return Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    public static ProblemException missingFile() {
        return new ProblemException(Status.BAD_REQUEST, TYPES + "missing-file",
                "the multipart form has no 'file' part; send the document as a file part named 'file'");
    }

    public static ProblemException emptyUpload() {
        return new ProblemException(Status.BAD_REQUEST, TYPES + "empty-upload", "the uploaded document is empty (0 bytes)");
    }

    public static ProblemException badParameter(String name, String reason) {
        return new ProblemException(Status.BAD_REQUEST, TYPES + "bad-parameter", "'" + name + "' " + reason);
    }

    public static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE, TYPES + "upload-too-large",
                "the upload is larger than the maximum of " + maxBytes + " bytes");
    }

    public static ProblemException unsupportedType(String detectedType) {
        return new ProblemException(Status.UNSUPPORTED_MEDIA_TYPE, TYPES + "unsupported-type",
                "the content is " + detectedType + ", which is not a text document this service can read"
                        + " (text, HTML, XML, PDF, Word, OpenDocument text, RTF, EPUB, e-mail; PNG, JPEG, TIFF scans)");
    }

    public static ProblemException unreadable(String detectedType, String reason) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "unreadable-document",
                "the " + detectedType + " document could not be read: " + reason);
    }

    public static ProblemException noText(String detectedType) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "no-text",
                "no text could be extracted from the " + detectedType + " document");
    }

    public static ProblemException tooMuchText(String detectedType, String limit) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "too-much-text",
                "the text of the " + detectedType + " document is longer than the limit of " + limit
                        + "; it was not accepted, rather than accepted cut short");
    }

    public static ProblemException archiveTooLarge(String reason) {
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE, TYPES + "archive-too-large",
                "the zip archive is refused: " + reason);
    }

    public static ProblemException unreadableArchive(String reason) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "unreadable-archive",
                "the zip archive could not be read: " + reason);
    }

    public static ProblemException parseTimeout(Duration limit) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "parse-timeout",
                "extracting the text took longer than the limit of " + limit.toMillis() + " ms");
    }

    public static ProblemException parserOutOfMemory(String heap) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "parser-out-of-memory",
                "the parser ran out of memory on this document: it needs more than the parser's limit of " + heap
                        + " of heap (policywatch.ingest.parser-heap); the parse was stopped, nothing else was affected");
    }

    public static ProblemException parserCrashed(String reason) {
        return new ProblemException(UNPROCESSABLE_CONTENT, TYPES + "parser-crashed",
                "the parser crashed on this document (" + reason + "); the parse was stopped, nothing else was affected");
    }

    public static ProblemException busy(String reason) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE, TYPES + "parser-busy",
                "the service is busy (" + reason + "); nothing was accepted, retry later");
    }

    public static ProblemException notDurable(String reason) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE, TYPES + "not-durable",
                "the document could not be made durable (" + reason + "); nothing was accepted, retry later");
    }

    /** The reason phrase of a status this service answers with. */
    public static String title(int status) {
        if (status == UNPROCESSABLE_CONTENT.getStatusCode()) {
            return UNPROCESSABLE_CONTENT.getReasonPhrase();
        }
        Response.StatusType known = Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private UploadProblems() {
    }
}
