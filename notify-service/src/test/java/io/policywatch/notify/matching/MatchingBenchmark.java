package io.policywatch.notify.matching;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.lucene.search.Query;

/**
 * Matching cost per document at growing numbers of subscriptions: the query index ({@link StoredQueryIndex}: compiled
 * programs filed under their keys) beside the naive loop running every query with Lucene, in the same run, on the
 * same documents. A plain main with
 * warm-up rather than a test, so that {@code verify} never runs it; docs/benchmarks.md has the command.
 * <p>
 * Arguments: the subscription counts (default 1000 10000 100000). System property {@code naive.max} (default
 * 100000): above it the naive loop is not run, it would take minutes per document.
 */
public final class MatchingBenchmark {

    private static final long SEED = 20_261_125L;
    private static final int DOCUMENTS = 16;
    private static final int WARM_UP_ROUNDS = 40;
    private static final int INDEX_ROUNDS = 200;
    private static final long NAIVE_BUDGET = 2_000_000L;
    private static final int NAIVE_SLICE = 50_000;

    private record Compiled(String id, Query query, MatchFilter filter) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Wall-clock and CPU time of the matching thread; CPU time stays meaningful on a machine shared with builds. */
    private record Timing(double medianMs, double p99Ms) {
        static Timing of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Timing(sorted[sorted.length / 2] / 1e6,
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        }

        String show() {
            return String.format(Locale.ROOT, "%.1f / %.1f ms", medianMs, p99Ms);
        }
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] { 1_000, 10_000, 100_000 }
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int naiveMax = Integer.getInteger("naive.max", 100_000);
        PolicyWorkload workload = new PolicyWorkload(SEED);
        List<PolicyWorkload.Document> documents = workload.documents(DOCUMENTS);
        System.out.printf(Locale.ROOT, "vocabulary %d terms; %d documents of %d-%d chars; max heap %d MB; %s%n",
                workload.vocabularySize(), documents.size(),
                documents.stream().mapToInt(d -> d.text().length()).min().orElse(0),
                documents.stream().mapToInt(d -> d.text().length()).max().orElse(0),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        System.out.println("| subscriptions | index build | heap after build | index median / p99 (CPU) "
                + "| index median / p99 (wall) | candidates/doc | naive median / p99 (CPU) | naive median / p99 (wall) "
                + "| naive docs | matching share | same result |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int size : sizes) {
            run(workload, documents, size, size <= naiveMax);
        }
    }

    private static void run(PolicyWorkload workload, List<PolicyWorkload.Document> documents, int size,
            boolean naive) throws InvalidQueryException {
        List<PolicyWorkload.Query> queries = workload.queries(size);
        long buildStart = System.nanoTime();
        StoredQueryIndex index = new StoredQueryIndex();
        for (PolicyWorkload.Query query : queries) {
            index.put(query.id(), query.query(), query.filter());
        }
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        long heapMb = usedHeapMb();

        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            PolicyWorkload.Document document = documents.get(round % documents.size());
            index.match(document.text(), document.classification(), id -> true);
        }
        long[] nanos = new long[INDEX_ROUNDS];
        long[] cpuNanos = new long[INDEX_ROUNDS];
        AtomicInteger candidates = new AtomicInteger();
        long fired = 0;
        List<Set<String>> indexResults = new ArrayList<>();
        for (int round = 0; round < INDEX_ROUNDS; round++) {
            PolicyWorkload.Document document = documents.get(round % documents.size());
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            List<StoredQueryIndex.Fired> matched = index.match(document.text(), document.classification(), id -> {
                candidates.incrementAndGet();
                return true;
            });
            nanos[round] = System.nanoTime() - start;
            cpuNanos[round] = THREADS.getCurrentThreadCpuTime() - cpuStart;
            Set<String> ids = matched.stream().map(StoredQueryIndex.Fired::id).collect(Collectors.toSet());
            fired += ids.size();
            if (round < documents.size()) {
                indexResults.add(ids);
            }
        }
        Timing indexed = Timing.of(nanos);
        Timing indexedCpu = Timing.of(cpuNanos);
        double share = (double) fired / INDEX_ROUNDS / size;

        String naiveCpu = "not run";
        String naiveWall = "not run";
        int naiveDocs = 0;
        String same = "not checked";
        if (naive) {
            int rounds = (int) Math.max(3, Math.min(documents.size(), NAIVE_BUDGET / size));
            long[] naiveNanos = new long[rounds];
            long[] naiveCpuNanos = new long[rounds];
            List<Set<String>> naiveResults = new ArrayList<>();
            List<MatchableDocument> matchables = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                PolicyWorkload.Document document = documents.get(round % documents.size());
                naiveResults.add(new HashSet<>());
                matchables.add(MatchableDocument.of(document.text(), document.classification()));
            }
            // Compiled Lucene queries take ~7 KB each: a million of them are matched a slice at a time.
            for (int from = 0; from < size; from += NAIVE_SLICE) {
                List<Compiled> compiled = new ArrayList<>(NAIVE_SLICE);
                for (PolicyWorkload.Query query : queries.subList(from, Math.min(size, from + NAIVE_SLICE))) {
                    compiled.add(new Compiled(query.id(), QueryCompiler.compile(query.query()), query.filter()));
                }
                if (from == 0) {
                    for (int round = 0; round < Math.min(3, rounds); round++) {
                        naiveMatch(compiled, MatchableDocument.of(documents.get(round).text(),
                                documents.get(round).classification()));
                    }
                }
                for (int round = 0; round < rounds; round++) {
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    naiveResults.get(round).addAll(naiveMatch(compiled, matchables.get(round)));
                    naiveNanos[round] += System.nanoTime() - start;
                    naiveCpuNanos[round] += THREADS.getCurrentThreadCpuTime() - cpuStart;
                }
            }
            boolean agree = true;
            for (int round = 0; round < rounds; round++) {
                agree &= naiveResults.get(round).equals(indexResults.get(round % documents.size()));
            }
            naiveCpu = Timing.of(naiveCpuNanos).show();
            naiveWall = Timing.of(naiveNanos).show();
            naiveDocs = rounds;
            same = agree ? "yes" : "NO";
        }
        System.out.printf(Locale.ROOT, "| %,d | %.1f s | %d MB | %s | %s | %,d | %s | %s | %d | %.2f %% | %s |%n",
                size, buildSeconds, heapMb, indexedCpu.show(), indexed.show(), candidates.get() / INDEX_ROUNDS,
                naiveCpu, naiveWall, naiveDocs, share * 100, same);
    }

    private static Set<String> naiveMatch(List<Compiled> queries, MatchableDocument document) {
        Set<String> fired = new HashSet<>();
        for (Compiled query : queries) {
            if (document.match(query.query(), query.filter()).isPresent()) {
                fired.add(query.id());
            }
        }
        return fired;
    }

    private static long usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private MatchingBenchmark() {
    }
}
