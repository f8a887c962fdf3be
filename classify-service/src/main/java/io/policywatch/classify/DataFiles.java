package io.policywatch.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the data files the classifier runs on (taxonomy, gazetteer): the one bundled with the service, or an
 * operator's own file.
 */
public final class DataFiles {

    /** Turns a file's content into its model; {@code origin} names the file in error messages. */
    public interface Parser<T> {
        T parse(InputStream in, String origin) throws IOException;
    }

    /** @param what what the file holds, for error messages ("taxonomy") */
    public static <T> T bundled(String resource, String what, Parser<T> parser) {
        try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + what + " " + resource + " is missing");
            }
            return parser.parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param what what the file holds, for error messages ("taxonomy") */
    public static <T> T load(Path file, String what, Parser<T> parser) {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " file " + file, e);
        }
    }

    private DataFiles() {
    }
}
