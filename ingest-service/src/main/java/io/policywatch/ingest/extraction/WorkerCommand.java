package io.policywatch.ingest.extraction;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The command line that starts a parser worker: the service's own java and classes, a heap of its own. */
final class WorkerCommand {

    /** Quarkus' fast-jar launcher: the service's classpath is this jar alone, the libraries are beside it. */
    private static final String FAST_JAR_LAUNCHER = "quarkus-run.jar";
    /** Where the fast-jar keeps the application's jar, its libraries and the launcher's own. */
    private static final List<String> FAST_JAR_DIRECTORIES = List.of("app", "lib/main", "lib/boot");

    private WorkerCommand() {
    }

    /**
     * @param heapBytes the worker's maximum heap
     * @param jvmOptions further options for the worker's JVM
     */
    static List<String> of(long heapBytes, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Xmx" + Math.max(1, heapBytes / 1024) + "k");
        // A parse that exhausts the heap ends the worker at once, rather than leaving it in an unknown state.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.awt.headless=true");
        command.addAll(jvmOptions);
        // Tika reads its configuration (tika.config, tika.custom-mimetypes...) from system properties.
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("tika.") || name.equals("java.io.tmpdir"))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add("-cp");
        command.add(classpath(System.getProperty("java.class.path")));
        command.add(ParseWorker.class.getName());
        return command;
    }

    /**
     * The command as a log line shows it: the classpath, hundreds of jars long under a test runner, as its number of
     * entries, so that the options an operator set stay readable.
     */
    static String forLog(List<String> command) {
        List<String> shown = new ArrayList<>(command);
        int classpath = shown.indexOf("-cp") + 1;
        if (classpath > 0 && classpath < shown.size()) {
            shown.set(classpath, "<" + shown.get(classpath).split(File.pathSeparator).length + " classpath entries>");
        }
        return String.join(" ", shown);
    }

    /** The same java as the service's (the one in the container image, the one the local runner used). */
    private static String java() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The service's classpath. In the packaged application (a Quarkus fast-jar) that is only quarkus-run.jar, whose
     * class loader finds the application in the directories beside it; a worker gets those directories' jars.
     */
    static String classpath(String serviceClasspath) {
        List<String> entries = List.of(serviceClasspath.split(File.pathSeparator));
        if (entries.size() != 1 || !Path.of(entries.get(0)).getFileName().toString().equals(FAST_JAR_LAUNCHER)) {
            return serviceClasspath;
        }
        Path application = Path.of(entries.get(0)).toAbsolutePath().getParent();
        List<String> jars = FAST_JAR_DIRECTORIES.stream()
                .map(application::resolve)
                .filter(Files::isDirectory)
                .map(directory -> directory.resolve("*").toString()) // java expands a trailing * to the jars
                .toList();
        return String.join(File.pathSeparator, Stream.concat(jars.stream(), entries.stream()).toList());
    }
}
