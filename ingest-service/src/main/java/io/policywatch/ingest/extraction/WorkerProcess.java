package io.policywatch.ingest.extraction;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>
 * The service and the worker talk over a Unix-domain socket connection of their own, not over the worker's stdin and
 * stdout: whatever the worker's JVM or a library prints (VM warnings, -Xlog output, a stray println) goes to its
 * stdout, which carries nothing else, and on into the service's stderr.
 */
final class WorkerProcess {

    /** HotSpot's exit status under -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY_EXIT = 3;
    /** How long a worker whose connection broke gets to finish exiting before its exit status is read. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private static final int STREAM_BUFFER = 64 * 1024;

    private final Process process;
    private final SocketChannel connection;
    private final DataOutputStream requests;
    private final DataInputStream replies;
    private final ScheduledExecutorService watchdog;
    /** False once killed: a process is still alive for a moment after destroyForcibly. */
    private volatile boolean usable = true;

    private WorkerProcess(Process process, SocketChannel connection, ScheduledExecutorService watchdog) {
        this.process = process;
        this.connection = connection;
        this.requests = new DataOutputStream(
                new BufferedOutputStream(Channels.newOutputStream(connection), STREAM_BUFFER));
        this.replies = new DataInputStream(new BufferedInputStream(Channels.newInputStream(connection), STREAM_BUFFER));
        this.watchdog = watchdog;
    }

    /**
     * Starts a worker and waits until it has connected, loaded Tika and takes requests.
     *
     * @param command the worker's command line (see {@link WorkerCommand}), without the socket it connects to
     * @param startTimeout how long the worker may take to connect and answer the settings
     * @param watchdog kills the worker when an exchange with it outlives its timeout
     */
    static WorkerProcess start(List<String> command, ParserSettings settings, Duration startTimeout,
            ScheduledExecutorService watchdog) throws IOException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        // Owner-only (rwx------) where the file system has POSIX permissions, as createTempDirectory makes it: no
        // other user can reach the socket in it.
        Path directory = Files.createTempDirectory("policywatch-parser-");
        Path socket = directory.resolve("worker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listen(server, socket);
            Process process = launch(command, socket);
            SocketChannel connection;
            try {
                connection = accept(server, process, startTimeout, watchdog);
            } catch (IOException | RuntimeException e) {
                destroy(process);
                throw e;
            }
            WorkerProcess worker = new WorkerProcess(process, connection, watchdog);
            try {
                worker.exchange(settings, Ready.class, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (TimeoutException e) {
                worker.kill();
                throw new IOException("the parser worker did not start within " + startTimeout.toMillis() + " ms");
            } catch (Died e) {
                worker.kill();
                throw new IOException("the parser worker exited while starting: " + e.getMessage());
            }
            return worker;
        } finally {
            // One connection per worker: once it is made (or given up on) nothing may connect any more.
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
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
        destroy(process);
        closeQuietly(connection);
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void listen(ServerSocketChannel server, Path socket) throws IOException {
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            // Typically a socket path longer than the system allows (about 100 bytes): java.io.tmpdir is too deep.
            throw new IOException("cannot listen for a parser worker at " + socket + ": " + e.getMessage(), e);
        }
    }

    private static Process launch(List<String> command, Path socket) throws IOException {
        List<String> withSocket = new ArrayList<>(command);
        withSocket.add(socket.toString());
        // stdout carries only what the JVM and libraries print; it joins stderr on its way to the service's stderr.
        Process process = new ProcessBuilder(withSocket).redirectErrorStream(true).start();
        process.getOutputStream().close(); // the worker reads nothing from stdin
        Thread output = new Thread(() -> copyToStderr(process.getInputStream()),
                "parser-worker-" + process.pid() + "-output");
        output.setDaemon(true);
        output.start();
        return process;
    }

    /** Until the worker's output ends (it exited or was killed). */
    private static void copyToStderr(InputStream output) {
        try (output) {
            output.transferTo(System.err);
        } catch (IOException workerGone) {
            // Nothing more to copy.
        }
    }

    /**
     * Waits for the worker to connect: at most the timeout, and no longer than the worker lives. A blocking accept
     * ends when its channel is closed, which both the deadline and the worker's exit do.
     */
    private static SocketChannel accept(ServerSocketChannel server, Process process, Duration timeout,
            ScheduledExecutorService watchdog) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            timedOut.set(true);
            closeQuietly(server);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        process.onExit().thenRun(() -> closeQuietly(server));
        try {
            return server.accept();
        } catch (ClosedChannelException e) {
            if (timedOut.get()) {
                throw new IOException("the parser worker did not connect within " + timeout.toMillis() + " ms");
            }
            throw new IOException("the parser worker exited before it connected: exit status " + exitStatus(process));
        } finally {
            deadline.cancel(false);
        }
    }

    private <T> T exchange(Object request, Class<T> replyType, Duration timeout) throws TimeoutException, Died {
        AtomicBoolean timedOut = new AtomicBoolean();
        // Killing the worker is what ends a wait for its reply.
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

    /** The exit status of a process that has ended, or -1 while the exit is still being reaped. */
    private static int exitStatus(Process process) {
        try {
            return process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException alreadyBroken) {
            // Closed is what was wanted.
        }
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
