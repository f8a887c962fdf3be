package io.policywatch.ingest.extraction;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.policywatch.ingest.extraction.WorkerProtocol.ParseRequest;
import io.policywatch.ingest.extraction.WorkerProtocol.Ready;
import io.policywatch.ingest.extraction.WorkerProtocol.WorkerReply;
import io.policywatch.support.problem.ProblemException;

/**
 * The main class of a parser worker: a JVM of its own, with a bounded heap, that the service starts (see
 * {@link WorkerCommand}) and talks to over a Unix-domain socket ({@link WorkerProtocol}) whose path is its one
 * argument. A parse that exhausts the heap ends this process (-XX:+ExitOnOutOfMemoryError), not the service. It ends
 * when the service closes the connection, which the system does for a service that dies.
 */
public final class ParseWorker {

    private static final int STREAM_BUFFER = 64 * 1024;

    public static void main(String[] args) {
        logParserWarningsToStderr();
        try (SocketChannel service = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
            DataInputStream requests = new DataInputStream(
                    new BufferedInputStream(Channels.newInputStream(service), STREAM_BUFFER));
            DataOutputStream replies = new DataOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(service), STREAM_BUFFER));
            DocumentParser parser = new DocumentParser(WorkerProtocol.read(requests, ParserSettings.class));
            WorkerProtocol.write(replies, new Ready(ProcessHandle.current().pid()));
            while (true) {
                Path file = Path.of(WorkerProtocol.read(requests, ParseRequest.class).file());
                WorkerProtocol.write(replies, reply(parser, file));
            }
        } catch (EOFException serviceStopped) {
            // The service closed the connection (it stopped or died): so does the worker.
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Tika may have started non-daemon threads; they must not keep an orphaned worker alive.
        System.exit(0);
    }

    /**
     * Tika logs through SLF4J, PDFBox through commons-logging and POI through the Log4j API; on this classpath all
     * three end in JBoss LogManager, which only Quarkus configures, in the service. Without a handler of its own a
     * worker would drop their warnings (a damaged stream, a missing font) without a trace; with it they reach its
     * stderr, which the service copies into its own.
     */
    private static void logParserWarningsToStderr() {
        Logger root = LogContext.getSystemLogContext().getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter(
                "%d{HH:mm:ss,SSS} %-5p [%c{3.}] (parser worker " + ProcessHandle.current().pid() + ") %s%e%n")));
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
