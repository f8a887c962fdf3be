package io.policywatch.ingest.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerCommandTest {

    @Test
    void aLoggedCommandShowsTheOperatorsOptionsAndOnlyTheSizeOfTheClasspath() {
        List<String> command = List.of("/usr/bin/java", "-Xmx524288k", "-Xlog:gc", "-cp",
                String.join(File.pathSeparator, "/app/a.jar", "/app/b.jar", "/app/c.jar"), ParseWorker.class.getName());

        assertEquals("/usr/bin/java -Xmx524288k -Xlog:gc -cp <3 classpath entries> " + ParseWorker.class.getName(),
                WorkerCommand.forLog(command));
    }
}
