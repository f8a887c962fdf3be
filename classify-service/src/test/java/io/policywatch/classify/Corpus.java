package io.policywatch.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Public policy texts of issuers the service was not written beside (copied from the shared corpus into the test
 * resources; corpus/SOURCES.md says where each comes from).
 */
public final class Corpus {

    public static final String G7_HIROSHIMA_VISION = "g7-hiroshima-vision-nuclear-disarmament-2023.txt";
    public static final String US_ALLIES_PRC_CYBER = "us-allies-prc-malicious-cyber-2021.txt";
    public static final String ASEAN_US_PARTNERSHIP = "asean-us-comprehensive-strategic-partnership-2022.txt";

    /** Every text of the corpus. */
    public static final List<String> ALL = List.of(ASEAN_US_PARTNERSHIP, "australia-1968-npt-statement-un.txt",
            "australia-dfat-1974-unga-disarmament-note.txt", G7_HIROSHIMA_VISION, "outer-space-treaty-1967.txt",
            "quad-wilmington-declaration-2024-excerpt.txt", "sweden-defence-minister-space-speech-2023.txt",
            "unga-1946-disarmament-resolution.txt", US_ALLIES_PRC_CYBER, "us-asat-testing-commitment-2022.txt",
            "us-code-50-2301-wmd-findings.txt", "us-statement-unga-annexation-vote-2022.txt");

    public static String read(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus text " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Corpus() {
    }
}
