package io.policywatch.classify;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.sun.management.OperatingSystemMXBean;

import io.policywatch.classify.classification.Classifier;
import io.policywatch.classify.entities.EntityFinder;
import io.policywatch.classify.entities.Gazetteer;

/**
 * Speed of the classifier on 20 KB documents: documents/s, sentences/s and the latency per document (p50, p99) with
 * one and two documents classified at once, as the Kafka consumer does ({@code CLASSIFY_CONCURRENCY}, default 2).
 * Not a {@code *Test}, so {@code verify} leaves it out; run it with
 * {@code ./mvnw -pl classify-service test -Dtest=ClassifierBenchmark} and read docs/benchmarks.md.
 */
class ClassifierBenchmark {

    private static final int DOCUMENT_CHARS = 20 * 1024;
    private static final int DOCUMENTS = 24;
    private static final long WARM_UP_NANOS = 30_000_000_000L;
    private static final long MEASURE_NANOS = 20_000_000_000L;
    /**
     * CPU time of the whole process (the embedding model runs on native threads), so that the capacity on idle
     * cores can be told on a machine other builds are loading.
     */
    private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();

    private final Classifier classifier = Models.bundledClassifier();
    private final EntityFinder entities = new EntityFinder(Gazetteer.bundled());

    @Test
    void classifyTwentyKilobyteDocuments() throws Exception {
        List<String> documents = documents();
        int[] sentences = documents.stream()
                .mapToInt(document -> classifier.classify(document, null).sentences().size()).toArray();
        System.out.printf("%d documents of %d chars, %.0f sentences each on average; %d cores, load average %.1f%n",
                documents.size(), DOCUMENT_CHARS, Arrays.stream(sentences).average().orElse(0),
                Runtime.getRuntime().availableProcessors(),
                PROCESS.getSystemLoadAverage());
        ToIntFunction<Integer> classifyAndFind = index -> {
            String document = documents.get(index);
            entities.find(document);
            return classifier.classify(document, null).sentences().size();
        };
        run("warm-up", documents.size(), 2, WARM_UP_NANOS, classifyAndFind);
        run("classification only", documents.size(), 1, MEASURE_NANOS,
                index -> classifier.classify(documents.get(index), null).sentences().size());
        run("entities only", documents.size(), 1, MEASURE_NANOS, index -> {
            entities.find(documents.get(index));
            return sentences[index];
        });
        run("classification + entities", documents.size(), 1, MEASURE_NANOS, classifyAndFind);
        run("classification + entities", documents.size(), 2, MEASURE_NANOS, classifyAndFind);
    }

    /**
     * Classifies documents round robin on {@code concurrency} threads for {@code nanos}; each call answers the
     * sentences it labelled.
     */
    private static void run(String name, int documents, int concurrency, long nanos, ToIntFunction<Integer> work)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long cpuStart = PROCESS.getProcessCpuTime();
        List<Future<long[]>> results = new ArrayList<>();
        for (int thread = 0; thread < concurrency; thread++) {
            results.add(threads.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                long sentences = 0;
                while (System.nanoTime() - start < nanos) {
                    long begin = System.nanoTime();
                    sentences += work.applyAsInt(next.getAndIncrement() % documents);
                    latencies.add(System.nanoTime() - begin);
                }
                return Stream.concat(Stream.of(sentences), latencies.stream()).mapToLong(Long::longValue).toArray();
            }));
        }
        long sentences = 0;
        List<Long> latencies = new ArrayList<>();
        for (Future<long[]> result : results) {
            long[] values = result.get();
            sentences += values[0];
            Arrays.stream(values, 1, values.length).forEach(latencies::add);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillisPerDocument = (PROCESS.getProcessCpuTime() - cpuStart) / 1e6 / latencies.size();
        threads.shutdown();
        latencies.sort(null);
        System.out.printf("%-27s concurrency %d: %7.1f documents/s, %8.0f sentences/s, latency p50 %6.1f ms,"
                + " p99 %6.1f ms, max %6.1f ms (%d documents); CPU %.0f ms a document, so %.1f documents/s on 2"
                + " idle cores%n", name, concurrency, latencies.size() / seconds, sentences / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6,
                latencies.size(), cpuMillisPerDocument, 2000 / cpuMillisPerDocument);
    }

    private static double percentile(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    /**
     * 20 KB documents cut from the seeds and the corpus texts read one after the other, each starting at another
     * text, ending at the last paragraph break before 20 KB (or at 20 KB when there is none).
     */
    private static List<String> documents() {
        List<String> texts = Stream.concat(
                Stream.of(Seeds.WHITE_PAPER_EMERGING_FIELDS, Seeds.GLOBAL_SECURITY_INITIATIVE,
                        Seeds.SCO_INFORMATION_SECURITY, Seeds.UN_ICT_DRAFT_RESOLUTION).map(Seeds::read),
                Corpus.ALL.stream().map(Corpus::read)).toList();
        List<String> documents = new ArrayList<>();
        for (int first = 0; documents.size() < DOCUMENTS; first++) {
            StringBuilder document = new StringBuilder();
            for (int text = first; document.length() < DOCUMENT_CHARS; text++) {
                document.append(texts.get(text % texts.size())).append("\n\n");
            }
            int cut = document.lastIndexOf("\n\n", DOCUMENT_CHARS);
            documents.add(document.substring(0, cut > DOCUMENT_CHARS / 2 ? cut : DOCUMENT_CHARS));
        }
        return documents;
    }
}
