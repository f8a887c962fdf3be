package io.policywatch.ingest.extraction;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

/**
 * The threads documents are parsed on: a fixed number, with a bounded queue in front, so that a flood of uploads
 * cannot start an unbounded number of parsers. A parse that outlives its timeout is interrupted; one that ignores
 * the interrupt (a parser stuck in a loop) is abandoned: its thread is replaced, so that the pool keeps its
 * capacity, up to a limit of abandoned threads after which the service reports itself unhealthy.
 */
final class ParsingPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ParsingPool.class);

    private final ThreadPoolExecutor executor;
    private final int threads;
    private final int maxAbandoned;
    private final AtomicInteger abandoned = new AtomicInteger();

    ParsingPool(int threads, int queue, int maxAbandoned) {
        this.threads = threads;
        this.maxAbandoned = maxAbandoned;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), new ParseThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs the task and waits for it; it may run for at most the timeout. Time in the queue does not count: it is
     * bounded by the queue's length, since a parse ahead in the queue ends or is abandoned within its own timeout.
     *
     * @throws Busy when every thread is parsing and the queue is full
     * @throws TimeoutException when the task did not finish in time; it is interrupted, and abandoned if it runs on
     * @throws ExecutionException what the task threw
     */
    <T> T run(Callable<T> task, Duration timeout) throws Busy, TimeoutException, ExecutionException,
            InterruptedException {
        Parse<T> parse = new Parse<>(task);
        Future<T> result;
        try {
            result = executor.submit(parse);
        } catch (RejectedExecutionException e) {
            throw new Busy(threads, executor.getQueue().size());
        }
        try {
            while (true) {
                try {
                    return result.get(parse.remaining(timeout), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (parse.started() && parse.remaining(timeout) <= 0) {
                        throw e;
                    }
                }
            }
        } catch (TimeoutException | InterruptedException e) {
            result.cancel(true);
            parse.abandonIfRunning();
            throw e;
        }
    }

    /** Parses running now, not counting abandoned ones. */
    int running() {
        return executor.getActiveCount() - abandoned.get();
    }

    /** Parses waiting for a thread. */
    int queued() {
        return executor.getQueue().size();
    }

    /** Parses that ignored their interrupt and still hold a thread. */
    int abandoned() {
        return abandoned.get();
    }

    /** False once too many parses are stuck: the service should be restarted. */
    boolean healthy() {
        return abandoned.get() < maxAbandoned;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Changes the number of threads by delta, keeping core and maximum equal (the maximum never below the core). */
    private synchronized void resize(int delta) {
        int size = executor.getCorePoolSize() + delta;
        if (delta > 0) {
            executor.setMaximumPoolSize(size);
            executor.setCorePoolSize(size);
        } else {
            executor.setCorePoolSize(size);
            executor.setMaximumPoolSize(size);
        }
    }

    private enum State {
        QUEUED,
        RUNNING,
        DONE,
        ABANDONED
    }

    /** A task that knows whether it is running, so that a timed-out one can be told apart from a queued one. */
    private final class Parse<T> implements Callable<T> {
        private final Callable<T> task;
        private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
        private volatile long startedAt;

        Parse(Callable<T> task) {
            this.task = task;
        }

        @Override
        public T call() throws Exception {
            startedAt = System.nanoTime();
            if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
                return null; // cancelled while queued: nobody waits for it
            }
            try {
                return task.call();
            } finally {
                if (!state.compareAndSet(State.RUNNING, State.DONE)) {
                    // It was given up on and its thread replaced: give the extra thread back.
                    resize(-1);
                    LOG.infof("An abandoned parse ended after all; %d still stuck", abandoned.decrementAndGet());
                }
            }
        }

        boolean started() {
            return state.get() != State.QUEUED;
        }

        /** How much longer the parse may run; the whole timeout while it is queued. */
        long remaining(Duration timeout) {
            return started() ? startedAt + timeout.toNanos() - System.nanoTime() : timeout.toNanos();
        }

        void abandonIfRunning() {
            state.compareAndSet(State.QUEUED, State.DONE);
            // The interrupt may stop it in a moment; if not, its thread is lost to the pool until it ends.
            if (state.get() != State.RUNNING
                    || abandoned.getAndUpdate(stuck -> stuck < maxAbandoned ? stuck + 1 : stuck) >= maxAbandoned) {
                return; // past the limit the thread is not replaced: readiness reports the pool unhealthy
            }
            if (state.compareAndSet(State.RUNNING, State.ABANDONED)) {
                resize(+1);
                LOG.warnf("A parse ran past its timeout and was abandoned (%d stuck, at most %d)", abandoned.get(),
                        maxAbandoned);
            } else {
                abandoned.decrementAndGet();
            }
        }
    }

    /** Every parse thread is busy and the queue is full. */
    static final class Busy extends Exception {
        Busy(int threads, int queued) {
            super(threads + " documents are being parsed and " + queued + " are waiting");
        }
    }

    private static final class ParseThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "tika-parse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
