package io.policywatch.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample policy documents of the pipeline (copied from /seeds into the test resources). */
public final class Seeds {

    public static final String WHITE_PAPER_EMERGING_FIELDS = "000_75cf7169558250f9.txt";
    public static final String GLOBAL_SECURITY_INITIATIVE = "001_0d9eee78d7152bc0.txt";
    public static final String SCO_INFORMATION_SECURITY = "002_b115bc2835af3bd6.txt";
    public static final String UN_ICT_DRAFT_RESOLUTION = "003_ea35d43ee21e10af.txt";

    public static String read(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream("/seeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Seeds() {
    }
}
