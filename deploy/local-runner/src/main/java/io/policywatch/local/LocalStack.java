package io.policywatch.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * PolicyWatch on one machine: a Kafka broker and the three services, each its own process, started in order and
 * each awaited until ready. {@link #close()} stops them in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    static final String BROKER_READY = "Kafka broker ready";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final StackConfig config;
    private final PrintStream out;
    private final PolicyWatchClient client = new PolicyWatchClient();
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class);
    private ManagedProcess broker;

    public LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public StackConfig config() {
        return config;
    }

    /** Starts whatever is not running yet; returns when every service answers ready. */
    public LocalStack start() {
        return start(EnumSet.allOf(Service.class));
    }

    /** Starts the broker and the given services (a benchmark may want ingest alone). */
    public synchronized LocalStack start(Set<Service> wanted) {
        requireBuilt(wanted);
        requirePortsFree(wanted);
        if (config.externalKafka() == null && broker == null) {
            startBroker();
        }
        for (Service service : wanted) {
            if (!services.containsKey(service)) {
                startService(service);
            }
        }
        return this;
    }

    /** Stops one service and starts it again on the same data: what a crash or a redeploy does. */
    public synchronized void restart(Service service) {
        ManagedProcess process = services.remove(service);
        if (process != null) {
            process.stop();
        }
        startService(service);
    }

    /** A process that died on its own, if any: the runner watches for it. */
    public synchronized List<String> deadProcesses() {
        List<String> dead = new ArrayList<>();
        if (broker != null && !broker.isAlive()) {
            dead.add(broker.name() + " (log: " + broker.log() + ")");
        }
        services.values().stream().filter(p -> !p.isAlive()).forEach(p -> dead.add(p.name() + " (log: " + p.log() + ")"));
        return dead;
    }

    /** Process ids of everything this stack started, for tests that prove nothing is left behind. */
    public synchronized List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (broker != null) {
            pids.add(broker.pid());
        }
        services.values().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    @Override
    public synchronized void close() {
        List<Service> reverse = new ArrayList<>(services.keySet());
        Collections.reverse(reverse);
        for (Service service : reverse) {
            out.println("Stopping " + service.module());
            services.remove(service).stop();
        }
        if (broker != null) {
            out.println("Stopping the Kafka broker");
            broker.stop();
            broker = null;
        }
    }

    private void startBroker() {
        out.println("Starting the Kafka broker on " + config.kafkaBootstrapServers() + " (data in "
                + config.dataDir().resolve("kafka") + ")");
        Path jar = config.root().resolve("deploy/kafka-broker/target/kafka-broker.jar");
        broker = ManagedProcess.start("kafka-broker",
                List.of(ManagedProcess.javaExecutable(), "-Xmx512m", "-jar", jar.toString(),
                        "--data-dir", config.dataDir().resolve("kafka").toString(),
                        "--port", String.valueOf(config.kafkaPort()),
                        "--controller-port", String.valueOf(config.kafkaControllerPort())),
                Map.of(), config.logDir().resolve("kafka-broker.log"));
        ManagedProcess started = broker;
        await("the Kafka broker", started, () -> started.logContains(BROKER_READY));
    }

    private void startService(Service service) {
        out.println("Starting " + service.module() + " on " + config.url(service));
        Path jar = config.root().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        ManagedProcess process = ManagedProcess.start(service.module(),
                List.of(ManagedProcess.javaExecutable(), service.heap(), "-jar", jar.toString()),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers(),
                        service.portVariable(), String.valueOf(config.port(service)),
                        "POLICYWATCH_DATA_DIR", config.dataDir().toAbsolutePath().toString(),
                        "INGEST_URL", config.url(Service.INGEST),
                        // Tesseract (OCR in ingest) is ~5x faster on 2 cores with one OpenMP thread per page.
                        "OMP_THREAD_LIMIT", "1"),
                config.logDir().resolve(service.module() + ".log"));
        services.put(service, process);
        await(service.module(), process, () -> client.isReady(config.url(service)));
    }

    private void await(String what, ManagedProcess process, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited during start-up; last lines of " + process.log()
                        + ":\n" + process.logTail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " was not ready within " + STARTUP_TIMEOUT + "; last lines of "
                        + process.log() + ":\n" + process.logTail(40));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private void requireBuilt(Set<Service> wanted) {
        List<Path> artifacts = new ArrayList<>();
        if (config.externalKafka() == null) {
            artifacts.add(config.root().resolve("deploy/kafka-broker/target/kafka-broker.jar"));
        }
        for (Service service : wanted) {
            artifacts.add(config.root().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"));
        }
        List<Path> missing = artifacts.stream().filter(path -> !Files.isRegularFile(path)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing + " (run ./mvnw package -DskipTests)");
        }
    }

    private void requirePortsFree(Set<Service> wanted) {
        List<String> busy = new ArrayList<>();
        if (config.externalKafka() == null && broker == null) {
            checkFree("KAFKA_PORT", config.kafkaPort(), busy);
            checkFree("KAFKA_CONTROLLER_PORT", config.kafkaControllerPort(), busy);
        }
        for (Service service : wanted) {
            if (!services.containsKey(service)) {
                checkFree(service.portVariable(), config.port(service), busy);
            }
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + " (another PolicyWatch still running? set the variables to other ports)");
        }
    }

    private static void checkFree(String variable, int port, List<String> busy) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (IOException e) {
            busy.add(variable + "=" + port);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
