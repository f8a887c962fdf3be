package io.policywatch.ingest.extraction;

import java.util.regex.Pattern;

/**
 * The light clean-up every extracted text gets, whatever its format: one kind of line break, no control
 * characters, no trailing spaces, at most one blank line in a row. Downstream offsets point into the result.
 */
public final class TextCleanup {

    private static final Pattern LINE_BREAKS = Pattern.compile("\r\n?|[\u000B\f\u0085\u2028\u2029]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\uFEFF&&[^\n\t]]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \t\u00A0]+$", Pattern.MULTILINE);
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    public static String clean(String raw) {
        String text = LINE_BREAKS.matcher(raw).replaceAll("\n");
        text = INVISIBLE.matcher(text).replaceAll("");
        text = TRAILING_SPACE.matcher(text).replaceAll("");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.strip();
    }

    private TextCleanup() {
    }
}
