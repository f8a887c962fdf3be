package io.policywatch.ingest.extraction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.policywatch.ingest.extraction.WorkerProtocol.WorkerReply;

/**
 * How a worker's start and end play out with real processes: a worker that never connects or exits first is a failed
 * start with its reason, a worker whose service dies (killed, no chance to clean up) ends on its own, and what the
 * parsers log in a worker reaches the service.
 */
class WorkerProcessTest {

    private static final ParserSettings SETTINGS = new ParserSettings(1_000_000, 3, 100, false, "eng", 10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopWatchdog() {
        watchdog.shutdownNow();
    }

    @Test
    void aWorkerThatNeverConnectsIsAFailedStartWithinTheTimeout() {
        long started = System.nanoTime();
        // The socket path becomes the shell's $0: ignored, so this process lives on without connecting.
        IOException failure = assertThrows(IOException.class,
                () -> WorkerProcess.start(List.of("sh", "-c", "sleep 60"), SETTINGS, SHORT_TIMEOUT, watchdog));

        assertEquals("the parser worker did not connect within 1000 ms", failure.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "gave up at the timeout");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(process -> process.info().commandLine().orElse("").contains("sleep 60")));
    }

    @Test
    void aWorkerThatExitsBeforeConnectingIsAFailedStartWithItsExitStatus() {
        long started = System.nanoTime();
        IOException failure = assertThrows(IOException.class,
                () -> WorkerProcess.start(List.of("sh", "-c", "exit 7"), SETTINGS, START_TIMEOUT, watchdog));

        assertEquals("the parser worker exited before it connected: exit status 7", failure.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "did not wait for the timeout");
    }

    @Test
    void aWorkerWhoseServiceIsKilledEndsItself() throws Exception {
        Process service = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                ServiceThatStartsAWorker.class.getName())
                .redirectError(Redirect.INHERIT)
                .start();
        Optional<ProcessHandle> worker = Optional.empty();
        try {
            worker = ProcessHandle.of(Long.parseLong(firstLine(service)));
            assertTrue(worker.isPresent() && worker.get().isAlive(), "the worker started");

            service.destroyForcibly().waitFor();

            ProcessHandle orphan = worker.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> !orphan.isAlive());
        } finally {
            service.destroyForcibly();
            worker.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aParsersWarningReachesTheServicesStderrMarkedWithItsWorker() throws Exception {
        PrintStream serviceStderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // Before the worker starts: the service copies its output to the System.err of that moment.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        WorkerProcess worker = null;
        try {
            worker = WorkerProcess.start(WorkerCommand.of(64 * 1024 * 1024, List.of("-XX:+UseSerialGC")), SETTINGS,
                    START_TIMEOUT, watchdog);
            // A TrueType font neither embedded nor installed: PDFBox warns (through commons-logging) and falls back.
            WorkerReply reply = worker.parse(fixture("/fixtures/unembedded-font.pdf"), START_TIMEOUT);

            assertTrue(reply.document().text().contains("a font the file does not embed"), "the text was extracted");
            long pid = worker.pid();
            await().atMost(Duration.ofSeconds(10)).until(() -> captured.toString(StandardCharsets.UTF_8).lines()
                    .anyMatch(line -> line.contains("WARN") && line.contains("(parser worker " + pid + ")")
                            && line.contains("PolicyWatchMissingSans")));
        } finally {
            if (worker != null) {
                worker.kill();
            }
            System.setErr(serviceStderr);
        }
    }

    /** A stand-in for the service: starts a worker, says its pid, then waits to be killed. */
    public static final class ServiceThatStartsAWorker {
        public static void main(String[] args) throws Exception {
            WorkerProcess worker = WorkerProcess.start(WorkerCommand.of(64 * 1024 * 1024, List.of("-XX:+UseSerialGC")),
                    SETTINGS, START_TIMEOUT, Executors.newSingleThreadScheduledExecutor());
            System.out.println(worker.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the stand-in service ended without starting a worker");
        }
        return line.trim();
    }

    private static Path fixture(String resource) throws URISyntaxException {
        return Path.of(WorkerProcessTest.class.getResource(resource).toURI());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
