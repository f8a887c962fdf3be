package io.policywatch.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;

import io.policywatch.benchmarks.BenchmarkDocuments.Format;
import io.policywatch.local.LocalStack;
import io.policywatch.local.PolicyWatchClient;
import io.policywatch.local.Service;
import io.policywatch.local.StackConfig;

/**
 * Extraction throughput per format: raw Tika parsing of a set of files, then the whole upload path of ingest-service
 * (HTTP, detection, extraction, blob store, Kafka acknowledgement) on the same files at the same concurrency, in one
 * run, so their ratio is meaningful on a shared, noisy machine.
 *
 * <pre>
 * ./mvnw -pl benchmarks exec:java -Dexec.args="--documents 120 --concurrency 2 --characters 20000 --warm-up 600"
 * </pre>
 *
 * Needs the services built ({@code ./mvnw package -DskipTests}); starts its own broker and ingest-service.
 */
public final class IngestBenchmark {

    // ingest-service's defaults (IngestConfig, TextExtractor), which raw Tika parses with too.
    private static final int SERVICE_MAX_ELEMENT_DEPTH = 100;
    private static final int SERVICE_MAX_NESTING_DEPTH = 3;
    private static final int SERVICE_MAX_TEXT_CHARACTERS = 10_000_000;
    private static final int SERVICE_OCR_DPI = 200;
    private static final String SERVICE_OCR_LANGUAGES = "eng+chi_sim";

    /**
     * Throughputs, the processor time each path took per document (ms): raw Tika's in the benchmark JVM; the upload
     * path's in the service, its parser workers, the broker and the client (the benchmark JVM sending the uploads);
     * and the mean time of an upload (by Little's law, concurrency / throughput) with the part of it each of the
     * service's steps took.
     */
    private record Result(Format format, int characters, int documents, int concurrency, double tikaPerSecond,
            double uploadPerSecond, Cpu tikaCpu, Cpu uploadCpu, StepTimes steps) {
        String row() {
            return String.format(Locale.ROOT,
                    "| %s | %d | %d | %d | %.1f | %.1f | %.0f%% | %.1f | %.1f + %.1f + %.1f + %.1f | %.1f: %s |",
                    format.extension, characters, documents, concurrency, tikaPerSecond, uploadPerSecond,
                    100 * uploadPerSecond / tikaPerSecond, tikaCpu.client / documents, uploadCpu.service / documents,
                    uploadCpu.workers / documents, uploadCpu.broker / documents, uploadCpu.client / documents,
                    1000 * concurrency / uploadPerSecond, steps);
        }
    }

    /** Processor milliseconds of the benchmark JVM (client), the service, its parser workers and the broker. */
    private record Cpu(double client, double service, double workers, double broker) {
        static Cpu now(LocalStack stack) {
            List<Long> pids = stack.pids(); // the broker first, then the service
            ProcessHandle service = ProcessHandle.of(pids.get(1)).orElseThrow();
            // The workers live as long as the service unless one is replaced (none is, on these documents).
            double workers = service.descendants().mapToDouble(Cpu::millis).sum();
            return new Cpu(millis(ProcessHandle.current()), millis(service), workers,
                    millis(ProcessHandle.of(pids.get(0)).orElseThrow()));
        }

        Cpu since(Cpu start) {
            return new Cpu(client - start.client, service - start.service, workers - start.workers,
                    broker - start.broker);
        }

        private static double millis(ProcessHandle process) {
            return process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e6).orElse(0.0);
        }
    }

    /**
     * The service's own account of its steps (UploadSteps, at /q/metrics): total seconds and count per step, so
     * that two readings give the mean milliseconds per upload of each step in between.
     */
    private record StepTimes(Map<String, double[]> byStep) {
        private static final Pattern LINE = Pattern
                .compile("^policywatch_ingest_upload_step_seconds_(sum|count)\\{.*step=\"(\\w+)\".*} (\\S+)$");

        static StepTimes read(PolicyWatchClient client, String ingestUrl) {
            Map<String, double[]> byStep = new TreeMap<>();
            for (String line : client.get(ingestUrl + "/q/metrics").body().split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    int index = matcher.group(1).equals("sum") ? 0 : 1;
                    byStep.computeIfAbsent(matcher.group(2), step -> new double[2])[index] = Double
                            .parseDouble(matcher.group(3));
                }
            }
            return new StepTimes(byStep);
        }

        StepTimes since(StepTimes start) {
            Map<String, double[]> between = new TreeMap<>();
            byStep.forEach((step, now) -> {
                double[] before = start.byStep.getOrDefault(step, new double[2]);
                between.put(step, new double[] { now[0] - before[0], now[1] - before[1] });
            });
            return new StepTimes(between);
        }

        @Override
        public String toString() {
            StringBuilder steps = new StringBuilder();
            byStep.forEach((step, time) -> steps.append(steps.isEmpty() ? "" : ", ").append(step)
                    .append(String.format(Locale.ROOT, " %.1f", time[1] == 0 ? 0 : 1000 * time[0] / time[1])));
            return steps.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        int documents = intOption(args, "--documents", 120);
        int concurrency = intOption(args, "--concurrency", 2);
        int characters = intOption(args, "--characters", BenchmarkDocuments.DEFAULT_CHARACTERS);
        int warmUpDocuments = intOption(args, "--warm-up", 600);
        Path root = Path.of(System.getProperty("policywatch.root", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("policywatch-ingest-benchmark-");

        StackConfig config = new StackConfig(root, work.resolve("data"), freePort(), freePort(), freePort(),
                freePort(), freePort(), null);
        List<Result> results = new ArrayList<>();
        PolicyWatchClient metricsClient = new PolicyWatchClient();
        try (LocalStack stack = new LocalStack(config, System.out).start(EnumSet.of(Service.INGEST))) {
            for (Format format : Format.values()) {
                // Two sets of distinct files: one warms both paths up, the other is measured. The upload path runs in
                // four JVMs (service, two parser workers, broker) that each compile their own code (JIT). Measured on
                // HTML, one worker: after 300 documents it took 6 ms of processor time per document, after 1,500 3 ms;
                // the service 17 ms, then 11. With 60 to warm up, the upload path was measured half-compiled.
                List<Path> measured = BenchmarkDocuments.write(format, 0, documents, characters, root.resolve("seeds"),
                        work.resolve(format.extension));
                List<Path> warmUp = BenchmarkDocuments.write(format, documents, warmUpDocuments, characters,
                        root.resolve("seeds"), work.resolve("warm-up-" + format.extension));
                parseWithTika(warmUp, concurrency);
                upload(config.url(Service.INGEST), warmUp, concurrency);

                String loadBefore = loadAverage();
                Cpu start = Cpu.now(stack);
                double tika = parseWithTika(measured, concurrency);
                Cpu between = Cpu.now(stack);
                StepTimes stepsBefore = StepTimes.read(metricsClient, config.url(Service.INGEST));
                double uploads = upload(config.url(Service.INGEST), measured, concurrency);
                Cpu end = Cpu.now(stack);
                results.add(new Result(format, characters, documents, concurrency, tika, uploads, between.since(start),
                        end.since(between), StepTimes.read(metricsClient, config.url(Service.INGEST))
                                .since(stepsBefore)));
                System.out.println(results.get(results.size() - 1).row() + " load average " + loadBefore + " → "
                        + loadAverage());
            }
        } finally {
            deleteTree(work); // the documents, the broker's log and the service's store: hundreds of MB
        }
        System.out.println();
        System.out.println(
                "| format | characters | documents | concurrency | raw Tika docs/s | upload path docs/s | upload / Tika "
                        + "| raw Tika CPU ms/doc | upload CPU ms/doc: service + parser workers + broker + client "
                        + "| upload ms: mean, of which service steps |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        results.forEach(result -> System.out.println(result.row()));
    }

    /**
     * Documents per second that plain AutoDetectParser parsing gets through, with Tika set up as ingest-service sets
     * it up (TextExtractor): PDF pages without text OCR'd at 200 dpi in the service's languages, no OCR of the images
     * in other formats, the same depth limits.
     */
    private static double parseWithTika(List<Path> files, int concurrency) throws Exception {
        AutoDetectParser parser = new AutoDetectParser();
        AutoDetectParserConfig limits = new AutoDetectParserConfig();
        limits.setMaximumDepth(SERVICE_MAX_ELEMENT_DEPTH);
        limits.setMaximumPackageEntryDepth(SERVICE_MAX_NESTING_DEPTH);
        parser.setAutoDetectParserConfig(limits);
        return run(files, concurrency, file -> {
            try (InputStream in = TikaInputStream.get(file)) {
                BodyContentHandler text = new BodyContentHandler(SERVICE_MAX_TEXT_CHARACTERS);
                parser.parse(in, text, new Metadata(), asTheServiceDoes(parser, file));
                if (text.toString().isBlank()) {
                    throw new IllegalStateException("no text from " + file);
                }
            }
        });
    }

    private static ParseContext asTheServiceDoes(AutoDetectParser parser, Path file) {
        boolean pdf = file.getFileName().toString().endsWith(".pdf");
        PDFParserConfig pdfConfig = new PDFParserConfig();
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        if (pdf) {
            pdfConfig.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
            pdfConfig.setOcrDPI(SERVICE_OCR_DPI);
            tesseract.setLanguage(SERVICE_OCR_LANGUAGES);
        } else {
            pdfConfig.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
            tesseract.setSkipOcr(true);
        }
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        context.set(PDFParserConfig.class, pdfConfig);
        context.set(TesseractOCRConfig.class, tesseract);
        return context;
    }

    /** The system's load average over the last minute: the machine is shared, so figures need it beside them. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Documents per second accepted by ingest-service (each answered 201 after Kafka's acknowledgement). */
    private static double upload(String ingestUrl, List<Path> files, int concurrency) throws Exception {
        PolicyWatchClient client = new PolicyWatchClient();
        return run(files, concurrency, file -> {
            PolicyWatchClient.Reply reply = client.upload(ingestUrl, file);
            if (reply.status() != 201) {
                throw new IllegalStateException(file + " answered " + reply.status() + ": " + reply.body());
            }
        });
    }

    private interface Work {
        void on(Path file) throws Exception;
    }

    private static double run(List<Path> files, int concurrency, Work work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < files.size(); n = next.getAndIncrement()) {
                    work.on(files.get(n));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return files.size() / (Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private IngestBenchmark() {
    }
}
