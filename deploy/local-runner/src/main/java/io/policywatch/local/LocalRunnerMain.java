package io.policywatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code deploy/local/run.sh} after the build: starts the stack, feeds {@code seeds/}, prints the URLs and runs
 * until SIGTERM or Ctrl-C, when a shutdown hook stops every process it started.
 */
public final class LocalRunnerMain {

    /** Printed once everything is up; scripts and tests wait for it. */
    public static final String READY_BANNER = "PolicyWatch is running.";

    private static volatile boolean stopping;

    public static void main(String[] args) {
        Set<String> flags = Set.of(args);
        for (String flag : flags) {
            if (!Set.of("--no-seeds").contains(flag)) {
                System.err.println("usage: run.sh [--no-seeds] [--no-build]; not understood: " + flag);
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("policywatch.root", ".")).toAbsolutePath().normalize();
        StackConfig config = StackConfig.fromEnvironment(root, System.getenv());
        LocalStack stack = new LocalStack(config, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Ctrl-C reaches the children too: their exits from here on are expected, not failures.
            stopping = true;
            stack.close();
        }, "policywatch-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("PolicyWatch could not start: " + e.getMessage());
            System.exit(1);
        }
        if (!flags.contains("--no-seeds")) {
            feedSeeds(root.resolve("seeds"), config.url(Service.INGEST));
        }
        printUrls(config);
        while (true) {
            List<String> dead = stack.deadProcesses();
            if (!dead.isEmpty() && !stopping) {
                System.err.println("Stopped unexpectedly: " + dead + ". Shutting down the rest.");
                System.exit(1);
            }
            LocalStack.sleep(Duration.ofSeconds(1));
        }
    }

    private static void feedSeeds(Path seeds, String ingestUrl) {
        PolicyWatchClient client = new PolicyWatchClient();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                PolicyWatchClient.Reply reply = client.upload(ingestUrl, file);
                String outcome = switch (reply.status()) {
                    case 201 -> "accepted";
                    case 200 -> "already known";
                    default -> "refused (" + reply.status() + "): " + reply.body();
                };
                System.out.println("Seed " + file.getFileName() + ": " + outcome);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the seeds in " + seeds, e);
        }
    }

    private static void printUrls(StackConfig config) {
        System.out.println();
        System.out.println(READY_BANNER);
        System.out.println("  ingest    " + config.url(Service.INGEST) + "   (POST /documents, /q/swagger-ui)");
        System.out.println("  classify  " + config.url(Service.CLASSIFY) + "   (POST /classify, GET /taxonomy)");
        System.out
                .println("  notify    " + config.url(Service.NOTIFY) + "   (dashboard at /, POST /subscriptions, GET /stats)");
        System.out.println("  kafka     " + config.kafkaBootstrapServers());
        System.out.println("  data      " + config.dataDir().toAbsolutePath() + "  (logs in " + config.logDir() + ")");
        System.out.println("Press Ctrl-C to stop.");
    }

    private LocalRunnerMain() {
    }
}
