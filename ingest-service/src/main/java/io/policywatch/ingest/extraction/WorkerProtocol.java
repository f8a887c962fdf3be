package io.policywatch.ingest.extraction;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.policywatch.ingest.UploadProblems;
import io.policywatch.support.problem.ProblemException;

/**
 * What the service and a parser worker say to each other over their socket connection: frames of a 4-byte
 * length and that many bytes of JSON. The service sends the {@link ParserSettings} once, the worker answers
 * {@link Ready}; then for each {@link ParseRequest} the worker answers one {@link WorkerReply}. The document itself
 * is not sent: the worker reads the staged file, so a request costs a few bytes, a reply the text.
 */
final class WorkerProtocol {

    /** Far above the largest reply (15 MiB of text and its metadata): a longer length means a corrupt stream. */
    private static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static void write(DataOutputStream out, Object message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** @throws java.io.EOFException when the other side closed the stream (or died) before a whole frame */
    static <T> T read(DataInputStream in, Class<T> type) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("corrupt frame of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readValue(bytes, type);
    }

    /** The worker's answer to the settings: it has loaded Tika and takes requests. */
    record Ready(long pid) {
    }

    /** Parse this staged file. */
    record ParseRequest(String file) {
    }

    /** Exactly one of: the parsed document, the refusal the document earned, an unexpected failure. */
    record WorkerReply(ParsedDocument document, Refusal refusal, String failure) {

        static WorkerReply parsed(ParsedDocument document) {
            return new WorkerReply(document, null, null);
        }

        static WorkerReply refused(ProblemException refusal) {
            return new WorkerReply(null, new Refusal(refusal.status(), refusal.type(), refusal.getMessage()), null);
        }

        static WorkerReply failed(Exception failure) {
            return new WorkerReply(null, null, failure.toString());
        }
    }

    /** A {@link ProblemException} as it crosses the connection. */
    record Refusal(int status, String type, String detail) {

        ProblemException toException() {
            Response.StatusType statusType = status == UploadProblems.UNPROCESSABLE_CONTENT.getStatusCode()
                    ? UploadProblems.UNPROCESSABLE_CONTENT
                    : Response.Status.fromStatusCode(status);
            return new ProblemException(statusType, type, detail);
        }
    }

    private WorkerProtocol() {
    }
}
