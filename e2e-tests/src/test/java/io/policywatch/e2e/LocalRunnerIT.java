package io.policywatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.policywatch.local.LocalRunnerMain;
import io.policywatch.testing.TestKafka;

/** deploy/local/run.sh as a user runs it: up, seeds fed, URLs printed, everything gone after SIGTERM. */
class LocalRunnerIT {

    private static final Path ROOT = Path.of(System.getProperty("policywatch.root", "..")).toAbsolutePath();
    private static final long SEED_COUNT = 4;

    @TempDir
    Path dataDir;

    @Test
    void runShStartsEverythingFeedsTheSeedsStopsCleanlyAndReusesItsDataOnTheNextRun() throws Exception {
        List<String> ports = List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "INGEST_PORT", "CLASSIFY_PORT",
                "NOTIFY_PORT");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("deploy/local/run.sh").toString(),
                "--no-build").redirectErrorStream(true);
        builder.environment().put("POLICYWATCH_DATA_DIR", dataDir.toString());
        ports.forEach(port -> builder.environment().put(port, String.valueOf(TestKafka.freePort())));

        String firstRun = runUntilReadyThenTerminate(builder, dataDir.resolve("first-run.out"));
        assertEquals(SEED_COUNT, count(firstRun, ": accepted"), firstRun);

        String secondRun = runUntilReadyThenTerminate(builder, dataDir.resolve("second-run.out"));
        assertEquals(SEED_COUNT, count(secondRun, ": already known"), secondRun);
    }

    private static String runUntilReadyThenTerminate(ProcessBuilder builder, Path output) throws Exception {
        Process runner = builder.redirectOutput(output.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!read(output).contains(LocalRunnerMain.READY_BANNER)) {
            assertTrue(runner.isAlive(), "run.sh exited early:\n" + read(output));
            assertTrue(Instant.now().isBefore(deadline), "run.sh not ready in time:\n" + read(output));
            Thread.sleep(500);
        }
        assertEquals(4, runner.children().count(), "a broker and three services: " + runner.children().toList());
        // The services' own children too: ingest's parser worker JVMs.
        List<ProcessHandle> descendants = runner.descendants().toList();

        runner.destroy();

        assertTrue(runner.waitFor(90, TimeUnit.SECONDS), "run.sh stops within 90 s of SIGTERM:\n" + read(output));
        for (ProcessHandle child : descendants) {
            assertFalse(child.isAlive(), "left behind: " + child.info());
        }
        return read(output);
    }

    private static long count(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
