package io.policywatch.ingest.extraction;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import io.policywatch.ingest.extraction.WorkerProtocol.ParseRequest;
import io.policywatch.ingest.extraction.WorkerProtocol.Ready;
import io.policywatch.ingest.extraction.WorkerProtocol.WorkerReply;
import io.policywatch.support.problem.ProblemException;

/**
 * The main class of a parser worker: a JVM of its own, with a bounded heap, that the service starts (see
 * {@link WorkerCommand}) and talks to over stdin and stdout ({@link WorkerProtocol}). A parse that exhausts the heap
 * ends this process (-XX:+ExitOnOutOfMemoryError), not the service. It ends when the service closes its stdin.
 */
public final class ParseWorker {

    public static void main(String[] args) throws IOException {
        // Replies own stdout: whatever a library prints goes to stderr instead of into a reply.
        DataOutputStream replies = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024));
        System.setOut(System.err);
        DataInputStream requests = new DataInputStream(new BufferedInputStream(System.in, 64 * 1024));
        try {
            DocumentParser parser = new DocumentParser(WorkerProtocol.read(requests, ParserSettings.class));
            WorkerProtocol.write(replies, new Ready(ProcessHandle.current().pid()));
            while (true) {
                Path file = Path.of(WorkerProtocol.read(requests, ParseRequest.class).file());
                WorkerProtocol.write(replies, reply(parser, file));
            }
        } catch (EOFException serviceStopped) {
            // The service closed the pipe (it stopped or died): so does the worker.
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Tika may have started non-daemon threads; they must not keep an orphaned worker alive.
        System.exit(0);
    }

    private static WorkerReply reply(DocumentParser parser, Path file) {
        try {
            return WorkerReply.parsed(parser.parse(file));
        } catch (ProblemException refusal) {
            return WorkerReply.refused(refusal);
        } catch (IOException | RuntimeException e) {
            return WorkerReply.failed(e);
        }
    }

    private ParseWorker() {
    }
}
