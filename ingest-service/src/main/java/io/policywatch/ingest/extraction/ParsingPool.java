package io.policywatch.ingest.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.policywatch.ingest.extraction.WorkerProtocol.WorkerReply;

/**
 * The parser worker processes documents are parsed in: a fixed number, with a bounded queue in front, so that a
 * flood of uploads cannot start an unbounded number of parsers. A worker that outlives its timeout is killed; one
 * that dies (out of memory, crashed) is gone. Either way it is replaced by a new one, started in the background:
 * a killed process gives back everything it held, so no stuck parse can wear the pool down.
 */
final class ParsingPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ParsingPool.class);
    /** How long a worker may take to connect and start (a JVM loading Tika: a few seconds on a busy machine). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long after a failed start it is tried again. */
    private static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    /** How often a waiting upload checks whether workers can be started at all. */
    private static final long WAIT_CHECK_MILLIS = 200;

    private final List<String> command;
    private final ParserSettings settings;
    private final int size;
    private final Semaphore admission;
    private final BlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    /** Starts and restarts workers; a start blocks a thread for seconds. */
    private final ScheduledExecutorService starter;
    /** Kills workers past their timeout: never held up by a start. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            daemon("parser-watchdog"));
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger failedStarts = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private volatile boolean anyStarted;
    private volatile String lastStartFailure;
    private volatile boolean closed;

    /**
     * Starts the workers in the background; an upload that comes before they are ready waits for one.
     *
     * @param command starts a worker (see {@link WorkerCommand})
     * @param size how many workers parse at once
     * @param queue how many uploads may wait for a worker
     */
    ParsingPool(List<String> command, ParserSettings settings, int size, int queue) {
        this.command = command;
        this.settings = settings;
        this.size = size;
        this.admission = new Semaphore(size + queue);
        this.starter = Executors.newScheduledThreadPool(size, daemon("parser-worker-start"));
        for (int i = 0; i < size; i++) {
            starter.execute(() -> startWorker(false));
        }
    }

    /**
     * Parses the file in a worker; the parse may take at most the timeout. Time waiting for a worker does not count:
     * it is bounded by the queue's length, since a parse ahead in the queue ends or is killed within its own timeout.
     *
     * @throws Busy when every worker is parsing and the queue is full, no worker can be started, or the service is
     *         stopping
     * @throws TimeoutException when the parse did not finish in time; its worker was killed
     * @throws WorkerProcess.Died when the worker ended during the parse
     */
    WorkerReply parse(Path file, Duration timeout) throws Busy, TimeoutException, WorkerProcess.Died,
            InterruptedException {
        if (!admission.tryAcquire()) {
            throw new Busy(size + " documents are being parsed and " + waiting.get() + " are waiting");
        }
        try {
            WorkerProcess worker = take();
            running.incrementAndGet();
            try {
                return worker.parse(file, timeout);
            } catch (WorkerProcess.Died e) {
                if (closed) {
                    // Killed by close(): that says nothing about the document.
                    throw new Busy("the service is stopping");
                }
                throw e;
            } finally {
                running.decrementAndGet();
                giveBack(worker);
            }
        } finally {
            admission.release();
        }
    }

    /** Parses running now. */
    int running() {
        return running.get();
    }

    /** Parses waiting for a worker. */
    int queued() {
        return waiting.get();
    }

    /** Workers started and not (yet) ended. */
    int workers() {
        return live.size();
    }

    /** Workers killed or dead (timeout, out of memory, crash) and replaced since the service started. */
    int replaced() {
        return replaced.get();
    }

    /** Why the last start of a worker failed, or null once every worker has started again. */
    String lastStartFailure() {
        return lastStartFailure;
    }

    /** False until the first worker has started, and whenever no worker can be started: nothing can be parsed. */
    boolean healthy() {
        return anyStarted && canStart();
    }

    @Override
    public void close() {
        closed = true;
        starter.shutdownNow();
        watchdog.shutdownNow();
        live.forEach(WorkerProcess::kill);
    }

    /** False when the last start of every worker failed. */
    private boolean canStart() {
        return failedStarts.get() < size;
    }

    private WorkerProcess take() throws Busy, InterruptedException {
        waiting.incrementAndGet();
        try {
            while (true) {
                WorkerProcess worker = idle.poll(WAIT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (worker != null && worker.alive()) {
                    return worker;
                }
                if (worker != null) {
                    LOG.warnf("Parser worker %d died while idle", worker.pid());
                    replace(worker);
                } else if (!canStart()) {
                    throw new Busy("no parser worker can be started: " + lastStartFailure);
                } else if (closed) {
                    throw new Busy("the service is stopping");
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void giveBack(WorkerProcess worker) {
        if (worker.alive()) {
            idle.add(worker);
        } else {
            replace(worker);
        }
    }

    private void replace(WorkerProcess gone) {
        gone.kill();
        live.remove(gone);
        replaced.incrementAndGet();
        if (!closed) {
            starter.execute(() -> startWorker(false));
        }
    }

    /** @param retry whether this slot's last start failed (and counts in failedStarts) */
    private void startWorker(boolean retry) {
        if (closed) {
            return;
        }
        try {
            WorkerProcess worker = WorkerProcess.start(command, settings, START_TIMEOUT, watchdog);
            live.add(worker);
            anyStarted = true;
            if (retry && failedStarts.decrementAndGet() == 0) {
                lastStartFailure = null;
            }
            if (closed) {
                worker.kill();
                return;
            }
            idle.add(worker);
            LOG.debugf("Parser worker %d started", worker.pid());
        } catch (IOException | RuntimeException e) {
            lastStartFailure = e.getMessage();
            if (!retry) {
                failedStarts.incrementAndGet();
            }
            LOG.errorf("A parser worker could not be started (%s); trying again in %d s: %s", e.getMessage(),
                    RESTART_DELAY.toSeconds(), WorkerCommand.forLog(command));
            if (!closed) {
                starter.schedule(() -> startWorker(true), RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Every worker is busy and the queue is full, or no worker can be started. */
    static final class Busy extends Exception {
        Busy(String reason) {
            super(reason);
        }
    }
}
