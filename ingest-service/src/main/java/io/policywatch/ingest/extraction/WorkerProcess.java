package io.policywatch.ingest.extraction;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.policywatch.ingest.extraction.WorkerProtocol.ParseRequest;
import io.policywatch.ingest.extraction.WorkerProtocol.Ready;
import io.policywatch.ingest.extraction.WorkerProtocol.WorkerReply;

/**
 * One parser worker process, as the service sees it. Used by one thread at a time. Whatever goes wrong in an
 * exchange (timeout, death, a corrupt reply) leaves the process killed: a worker is either usable or gone.
 */
final class WorkerProcess {

    /** HotSpot's exit status under -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT = 3;
    /** How long a worker whose pipe broke gets to finish exiting before its exit status is read. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final int PIPE_BUFFER = 64 * 1024;

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream replies;
    private final ScheduledExecutorService watchdog;
    /** False once killed: a process is still alive for a moment after destroyForcibly. */
    private volatile boolean usable = true;

    private WorkerProcess(Process process, ScheduledExecutorService watchdog) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), PIPE_BUFFER));
        this.replies = new DataInputStream(new BufferedInputStream(process.getInputStream(), PIPE_BUFFER));
        this.watchdog = watchdog;
    }

    /**
     * Starts a worker and waits until it has loaded Tika and takes requests.
     *
     * @param watchdog kills the worker when an exchange with it outlives its timeout
     */
    static WorkerProcess start(List<String> command, ParserSettings settings, Duration startTimeout,
            ScheduledExecutorService watchdog) throws IOException {
        // The worker's log lines (stderr) join the service's.
        Process process = new ProcessBuilder(command).redirectError(Redirect.INHERIT).start();
        WorkerProcess worker = new WorkerProcess(process, watchdog);
        try {
            worker.exchange(settings, Ready.class, startTimeout);
        } catch (TimeoutException e) {
            throw new IOException("the parser worker did not start within " + startTimeout.toMillis() + " ms");
        } catch (Died e) {
            throw new IOException("the parser worker exited while starting: " + e.getMessage());
        }
        return worker;
    }

    /**
     * @throws TimeoutException the parse took longer than the timeout; the worker was killed
     * @throws Died the worker ended before it replied (out of memory, crashed, killed)
     */
    WorkerReply parse(Path file, Duration timeout) throws TimeoutException, Died {
        return exchange(new ParseRequest(file.toString()), WorkerReply.class, timeout);
    }

    /** Whether the worker can take a request: neither killed nor dead. */
    boolean alive() {
        return usable && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the worker and what it started (tesseract): a killed process gives back all it held. */
    void kill() {
        usable = false;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private <T> T exchange(Object request, Class<T> replyType, Duration timeout) throws TimeoutException, Died {
        AtomicBoolean timedOut = new AtomicBoolean();
        // Blocking pipe reads cannot be interrupted: killing the worker is what ends the wait.
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            timedOut.set(true);
            kill();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            WorkerProtocol.write(requests, request);
            return WorkerProtocol.read(replies, replyType);
        } catch (IOException e) {
            // Before waiting for the exit status: a kill by the deadline now would hide an out-of-memory exit.
            deadline.cancel(false);
            if (timedOut.get()) {
                throw new TimeoutException();
            }
            throw died(e);
        } finally {
            deadline.cancel(false);
        }
    }

    private Died died(IOException broken) {
        usable = false;
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(); // alive but talking nonsense
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return new Died(-1, broken);
        }
        return new Died(process.exitValue(), broken);
    }

    /** The worker ended before it replied. */
    static final class Died extends Exception {
        private final int exitStatus;

        Died(int exitStatus, IOException broken) {
            super("exit status " + exitStatus + " (" + broken.getMessage() + ")", broken);
            this.exitStatus = exitStatus;
        }

        boolean outOfMemory() {
            return exitStatus == OUT_OF_MEMORY_EXIT;
        }

        int exitStatus() {
            return exitStatus;
        }
    }
}
