package io.policywatch.ingest.extraction;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The clean-up every extracted text gets, whatever its format: one kind of line break, no control characters, no
 * trailing spaces; then the layout of the printed page undone: page headers and footers that repeat and bare page
 * numbers dropped, lines broken mid-sentence joined, end-of-line hyphenation undone; at most one blank line in a row
 * (a paragraph break). Downstream offsets point into the result.
 */
public final class TextCleanup {

    /** "12", "- 12 -", "Page 12", "12 / 40", "page 12 of 40". */
    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "\\s*(?:page\\s+)?[-–—]?\\s*\\d{1,3}\\s*[-–—]?(?:\\s*(?:/|of)\\s*\\d{1,4})?\\s*",
            Pattern.CASE_INSENSITIVE);
    /** The most characters other than white space a line matching PAGE_NUMBER has: "page-999-of9999". */
    private static final int MAX_PAGE_NUMBER_CHARACTERS = 15;
    /** Furniture is short; a repeated line this long is content (a refrain, a repeated clause). */
    private static final int MAX_FURNITURE_LENGTH = 80;
    /** Fewer letters than this ("Article 1", "Annex") and a repeated line is more likely a heading than furniture. */
    private static final int MIN_FURNITURE_LETTERS = 8;
    /** Prefixes that keep their hyphen at a line end ("long-\nterm" is "long-term"), unless the text says otherwise. */
    private static final Set<String> HYPHEN_KEEPING_PREFIXES = Set.of("self", "non", "well", "long", "short", "cross",
            "co", "anti", "multi", "post", "pre", "inter");

    public static String clean(String raw) {
        return collapseBlankLines(joinBrokenLines(dropPageFurniture(normaliseLines(raw)))).strip();
    }

    /** At most one blank line in a row. */
    private static String collapseBlankLines(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            breaks = c == '\n' ? breaks + 1 : 0;
            if (breaks <= 2) {
                collapsed.append(c);
            }
        }
        return collapsed.toString();
    }

    /**
     * In one pass over the text: every line break ("\r\n", "\r", vertical tab, form feed, NEL, the Unicode line
     * and paragraph separators) becomes "\n", control characters other than "\n" and "\t" and byte order marks are
     * dropped, and the spaces, tabs and no-break spaces that end a line go.
     */
    static String normaliseLines(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028'
                    || c == '\u2029') {
                dropTrailingSpace(text);
                text.append('\n');
                if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\t' || !Character.isISOControl(c) && c != '\uFEFF') {
                text.append(c);
            }
        }
        dropTrailingSpace(text);
        return text.toString();
    }

    private static void dropTrailingSpace(StringBuilder text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t'
                || text.charAt(end - 1) == '\u00A0')) {
            end--;
        }
        text.setLength(end);
    }

    /**
     * Drops bare page numbers, and running headers and footers: short lines that come back on several pages. OCR
     * varies them a little ("DOCUMENT / 3 fF", "DOCUMENT / 3 f'F"), so lines are compared by their letters only.
     */
    static String dropPageFurniture(String text) {
        List<String> lines = text.lines().toList();
        String[] keys = new String[lines.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = furnitureKey(lines.get(i));
            if (keys[i] != null) {
                seen.merge(keys[i], 1, Integer::sum);
            }
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < keys.length; i++) {
            boolean repeated = keys[i] != null && seen.get(keys[i]) > 1;
            if (!repeated && !isPageNumber(lines.get(i))) {
                kept.append(lines.get(i)).append('\n');
            }
        }
        return kept.toString();
    }

    /** The line's letters in lower case, when it is short enough to be furniture; else null. */
    private static String furnitureKey(String line) {
        int end = endOfContent(line);
        int start = 0;
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        if (end - start > MAX_FURNITURE_LENGTH || end > 0 && line.charAt(end - 1) == '.') {
            return null;
        }
        StringBuilder letters = new StringBuilder(end - start);
        for (int i = start; i < end;) {
            int codePoint = line.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetter(codePoint)) {
                letters.appendCodePoint(Character.toLowerCase(codePoint));
            }
        }
        return letters.length() < MIN_FURNITURE_LETTERS ? null : letters.toString();
    }

    /** Most lines are prose: one with no digit or many characters is told apart without the regex. */
    private static boolean isPageNumber(String line) {
        int characters = 0;
        boolean digit = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r'
                    && ++characters > MAX_PAGE_NUMBER_CHARACTERS) {
                return false;
            }
            digit |= c >= '0' && c <= '9';
        }
        return digit && PAGE_NUMBER.matcher(line).matches();
    }

    /**
     * Joins a line to the one before when it continues its sentence: the line before does not end a sentence or
     * clause and this one starts with a lower-case letter. A word hyphenated across the break is joined without the
     * hyphen, unless the text spells it with a hyphen elsewhere or it starts with a prefix that keeps one. Every line
     * of every upload passes here, so lines are scanned by hand, not with regular expressions (which made this
     * clean-up cost more than Tika's parse of an HTML page).
     */
    static String joinBrokenLines(String text) {
        List<String> lines = text.lines().toList();
        Set<String> vocabulary = null;
        StringBuilder joined = new StringBuilder(text.length());
        String previous = null;
        for (String line : lines) {
            if (previous != null && continuesSentence(previous, line)) {
                String head = hyphenatedWordAtEnd(previous);
                String tail = leadingLowerCaseWord(line);
                if (head != null && !tail.isEmpty()) {
                    if (vocabulary == null) {
                        vocabulary = vocabulary(text);
                    }
                    if (!keepsHyphen(head.toLowerCase(Locale.ROOT), tail, vocabulary)) {
                        joined.setLength(joined.length() - 1); // the hyphen
                    }
                } else {
                    joined.append(' ');
                }
                joined.append(line);
            } else {
                if (previous != null) {
                    joined.append('\n');
                }
                joined.append(line);
            }
            previous = line;
        }
        return joined.toString();
    }

    /**
     * Whether "head-" at a line end and "tail" on the next line are a compound: the text spells it with a hyphen
     * elsewhere, or, when it never spells it as one word, the head is a prefix that keeps its hyphen or an adverb
     * ("universally-accepted").
     */
    private static boolean keepsHyphen(String head, String tail, Set<String> vocabulary) {
        if (vocabulary.contains(head + "-" + tail)) {
            return true;
        }
        return !vocabulary.contains(head + tail) && (HYPHEN_KEEPING_PREFIXES.contains(head) || head.endsWith("ly"));
    }

    /** Every word of the text (letters), lower case, hyphenated compounds ("all-round") as one. */
    private static Set<String> vocabulary(String text) {
        Set<String> words = new HashSet<>(text.length() / 8);
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int end = afterLetters(text, start);
            if (end == start) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            // "-" and more letters continue the word: "all-round", "state-of-the-art".
            while (end < text.length() && text.charAt(end) == '-') {
                int afterNext = afterLetters(text, end + 1);
                if (afterNext == end + 1) {
                    break;
                }
                end = afterNext;
            }
            words.add(text.substring(start, end).toLowerCase(Locale.ROOT));
            i = end;
        }
        return words;
    }

    /** The index after the run of letters that starts at from (from itself when there is none). */
    private static int afterLetters(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (!Character.isLetter(codePoint)) {
                break;
            }
            i += Character.charCount(codePoint);
        }
        return i;
    }

    /** The word before a hyphen that ends the line ("stra" of "... stra-"), or null when the line ends otherwise. */
    private static String hyphenatedWordAtEnd(String line) {
        int hyphen = line.length() - 1;
        if (hyphen < 1 || line.charAt(hyphen) != '-') {
            return null;
        }
        int start = hyphen;
        while (start > 0 && Character.isLetter(line.codePointBefore(start))) {
            start -= Character.charCount(line.codePointBefore(start));
        }
        return start == hyphen ? null : line.substring(start, hyphen);
    }

    /** The lower-case letters the line starts with ("tegic" of "tegic ..."), or "". */
    private static String leadingLowerCaseWord(String line) {
        int end = 0;
        while (end < line.length()) {
            int codePoint = line.codePointAt(end);
            if (Character.getType(codePoint) != Character.LOWERCASE_LETTER) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return line.substring(0, end);
    }

    private static boolean continuesSentence(String previous, String line) {
        int end = endOfContent(previous);
        return end > 0 && ".!?:;".indexOf(previous.charAt(end - 1)) < 0 && !line.isEmpty()
                && Character.isLowerCase(line.codePointAt(0));
    }

    /** The index after the line's last character that is not white space (0 for a blank line). */
    private static int endOfContent(String line) {
        int end = line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private TextCleanup() {
    }
}
