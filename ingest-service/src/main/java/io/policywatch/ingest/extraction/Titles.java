package io.policywatch.ingest.extraction;

import java.util.Optional;
import java.util.regex.Pattern;

/** Picks a document's title from what is known about it, best source first. */
public final class Titles {

    static final int MAX_LENGTH = 200;
    /** A line with fewer letters (a page number, a rule of dashes) is not a title. */
    private static final int MIN_LETTERS = 3;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * @param given what the uploader called it, or null
     * @param fromMetadata the title the document's metadata declares, or null
     * @param text the cleaned text
     * @param filename the name it was uploaded under, or null
     * @param id the document id, the last resort
     */
    public static String choose(String given, String fromMetadata, String text, String filename, String id) {
        return tidy(given)
                .or(() -> tidy(fromMetadata))
                .or(() -> firstMeaningfulLine(text))
                .or(() -> tidy(filename))
                .orElse(id);
    }

    static Optional<String> firstMeaningfulLine(String text) {
        return text.lines()
                .filter(line -> line.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count() == MIN_LETTERS)
                .findFirst()
                .flatMap(Titles::tidy);
    }

    private static Optional<String> tidy(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return Optional.empty();
        }
        String title = WHITESPACE.matcher(candidate.strip()).replaceAll(" ");
        if (title.length() <= MAX_LENGTH) {
            return Optional.of(title);
        }
        int cut = title.lastIndexOf(' ', MAX_LENGTH - 1);
        return Optional.of(title.substring(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH - 1) + "…");
    }

    private Titles() {
    }
}
