package io.policywatch.classify.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits extracted text into sentences, with offsets into the text as given.
 * <p>
 * Extraction output is not prose: PDFs and OCR hard-wrap lines inside sentences, hyphenate words at line ends,
 * put blank lines in the middle of a sentence at column or page breaks, and leave headings and list items without
 * final punctuation. So lines are first joined into a cleaned copy that remembers, for each of its characters,
 * where it came from; the copy is then cut at sentence punctuation.
 * <ul>
 * <li>A line ending in "letter-" followed by a line starting in lower case is one hyphenated word ("stra-" +
 * "tegic"); followed by a capital, a compound that keeps its hyphen ("Asia-" + "Pacific").</li>
 * <li>A line starting with a list enumerator ("1.", "IV.", "b)") starts a sentence.</li>
 * <li>After a blank line, a line starting in lower case continues the sentence; anything else starts one.</li>
 * <li>A line much shorter than the text's wrap width, without final punctuation, that begins a unit (after a
 * blank line, a heading or a sentence end) and is followed by a line starting in upper case, is a heading: it ends
 * a sentence, unless that line is short and unpunctuated too (a heading on two lines).</li>
 * <li>Any other line break is a space.</li>
 * </ul>
 */
public final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of("no", "nos", "art", "arts", "mr", "mrs", "ms", "dr",
            "prof", "st", "etc", "vs", "cf", "al", "para", "paras", "fig", "vol", "pp", "p", "inc", "ltd", "co",
            "corp", "jr", "sr", "gen", "gov", "sec", "dept", "rev", "res", "doc", "approx", "jan", "feb", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "op", "ibid", "corr", "add", "amb", "ref");
    private static final Pattern LIST_ITEM = Pattern.compile("(\\d{1,2}|[IVXLC]{1,6}|[a-zA-Z])[.)]\\s+\\S.*");
    private static final Pattern ENUMERATOR = Pattern.compile("\\(?(\\d{1,2}|[IVXLC]{1,6}|[a-zA-Z])");
    private static final int MAX_ENUMERATOR_LENGTH = 8;
    private static final String SENTENCE_END = ".!?…";
    private static final String CLOSERS = "\"'”’)]»";
    private static final String OPENERS = "\"'“‘([«";
    private static final String NO_FINAL_PUNCTUATION_EXCEPT = ".!?:;,-–—(";
    /** A line this much shorter than the wrap width, without final punctuation, is not a wrapped line. */
    private static final double HEADING_WIDTH_SHARE = 0.6;

    public static List<Sentence> split(String text) {
        List<Line> lines = lines(text);
        CleanText clean = join(text, lines, wrapWidth(lines));
        List<Sentence> sentences = new ArrayList<>();
        int chunkStart = 0;
        for (int i = 0; i <= clean.length(); i++) {
            if (i == clean.length() || clean.charAt(i) == '\n') {
                cutChunk(clean, chunkStart, i, sentences);
                chunkStart = i + 1;
            }
        }
        return sentences;
    }

    /** A line of the original, its content (without surrounding whitespace) at [start, end). */
    private record Line(int start, int end) {
        boolean blank() {
            return start == end;
        }

        int length() {
            return end - start;
        }
    }

    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r' || c == '\f' || c == '\u2028' || c == '\u2029') {
                lines.add(trimmed(text, lineStart, i));
                lineStart = i + 1;
            }
        }
        return lines;
    }

    private static Line trimmed(String text, int start, int end) {
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return new Line(start, end);
    }

    /** The width the text is wrapped at: most lines of running text reach it. */
    private static int wrapWidth(List<Line> lines) {
        int[] lengths = lines.stream().mapToInt(Line::length).filter(length -> length >= 20).sorted().toArray();
        if (lengths.length == 0) {
            return Integer.MAX_VALUE;
        }
        return lengths[(int) Math.floor(0.9 * (lengths.length - 1))];
    }

    private static CleanText join(String text, List<Line> lines, int wrapWidth) {
        CleanText clean = new CleanText(text.length());
        Line previous = null;
        boolean previousStartsUnit = true;
        boolean blankBetween = false;
        for (Line line : lines) {
            if (line.blank()) {
                blankBetween = previous != null;
                continue;
            }
            boolean startsUnit = previous == null
                    || joinLines(text, previous, previousStartsUnit, line, blankBetween, wrapWidth, clean);
            appendLine(text, line, clean);
            previous = line;
            previousStartsUnit = startsUnit;
            blankBetween = false;
        }
        return clean;
    }

    /**
     * Writes what separates two lines into the clean text.
     *
     * @param previousStartsUnit whether the previous line begins a sentence or heading (only such a line can be a
     *        heading: a short line after a wrapped one is the end of its sentence)
     * @return whether the next line begins a sentence or heading
     */
    private static boolean joinLines(String text, Line previous, boolean previousStartsUnit, Line next,
            boolean blankBetween, int wrapWidth, CleanText clean) {
        char last = text.charAt(previous.end() - 1);
        char first = text.charAt(next.start());
        boolean brokenAtHyphen = (last == '-' || last == '\u00AD') && previous.length() > 1
                && Character.isLetter(text.charAt(previous.end() - 2)) && Character.isLetter(first);
        if (brokenAtHyphen && Character.isLowerCase(first)) {
            clean.dropLastIf(last);
            return false;
        }
        if (brokenAtHyphen) {
            // "Asia-" + "Pacific": a compound whose hyphen is real.
            return false;
        }
        boolean hardBreak = LIST_ITEM.matcher(text.substring(next.start(), next.end())).matches()
                || (blankBetween && !Character.isLowerCase(first))
                || (!blankBetween && previousStartsUnit && isHeading(text, previous, wrapWidth)
                        && startsSentence(first) && !isHeading(text, next, wrapWidth));
        clean.append(hardBreak ? '\n' : ' ', previous.end());
        return hardBreak || SENTENCE_END.indexOf(last) >= 0 || last == ':';
    }

    private static boolean isHeading(String text, Line line, int wrapWidth) {
        String content = text.substring(line.start(), line.end());
        boolean unclosedBracket = content.lastIndexOf('[') > content.lastIndexOf(']')
                || content.lastIndexOf('(') > content.lastIndexOf(')');
        return line.length() < HEADING_WIDTH_SHARE * wrapWidth && !unclosedBracket
                && NO_FINAL_PUNCTUATION_EXCEPT.indexOf(content.charAt(content.length() - 1)) < 0;
    }

    private static boolean startsSentence(char first) {
        return Character.isUpperCase(first) || Character.isDigit(first) || OPENERS.indexOf(first) >= 0;
    }

    /** Copies a line, collapsing whitespace runs and dropping characters that carry nothing. */
    private static void appendLine(String text, Line line, CleanText clean) {
        for (int i = line.start(); i < line.end(); i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (!clean.endsWith(' ')) {
                    clean.append(' ', i);
                }
            } else if (c != '\uFFFD' && c != '\u200B' && c != '\uFEFF' && !(c == '\u00AD' && i < line.end() - 1)) {
                clean.append(c, i);
            }
        }
    }

    private static void cutChunk(CleanText clean, int from, int to, List<Sentence> sentences) {
        int sentenceStart = from;
        for (int i = from; i < to; i++) {
            if (SENTENCE_END.indexOf(clean.charAt(i)) < 0) {
                continue;
            }
            int after = i + 1;
            while (after < to && CLOSERS.indexOf(clean.charAt(after)) >= 0) {
                after++;
            }
            if (after + 1 >= to || clean.charAt(after) != ' ') {
                continue;
            }
            char next = clean.charAt(after + 1);
            if (!startsSentence(next)) {
                continue;
            }
            if (clean.charAt(i) == '.' && isAbbreviationOrEnumerator(clean, sentenceStart, i)) {
                continue;
            }
            emit(clean, sentenceStart, after, sentences);
            sentenceStart = after + 1;
        }
        emit(clean, sentenceStart, to, sentences);
    }

    /** Whether the period at {@code period} closes an abbreviation, an initial or a list enumerator. */
    private static boolean isAbbreviationOrEnumerator(CleanText clean, int sentenceStart, int period) {
        // An enumerator is a few characters at most; looking only then keeps a long run of abbreviations linear.
        if (period - sentenceStart <= MAX_ENUMERATOR_LENGTH
                && ENUMERATOR.matcher(clean.substring(sentenceStart, period).trim()).matches()) {
            return true;
        }
        int wordStart = period;
        while (wordStart > sentenceStart
                && (Character.isLetter(clean.charAt(wordStart - 1)) || clean.charAt(wordStart - 1) == '.')) {
            wordStart--;
        }
        String word = clean.substring(wordStart, period);
        if (word.isEmpty()) {
            return false;
        }
        return word.indexOf('.') >= 0
                || (word.length() == 1 && Character.isUpperCase(word.charAt(0)))
                || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void emit(CleanText clean, int from, int to, List<Sentence> sentences) {
        while (from < to && clean.charAt(from) == ' ') {
            from++;
        }
        while (to > from && clean.charAt(to - 1) == ' ') {
            to--;
        }
        if (from < to) {
            sentences.add(new Sentence(clean.origin(from), clean.origin(to - 1) + 1, clean.substring(from, to)));
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The cleaned copy of the text, with the original offset of each of its characters. */
    private static final class CleanText {
        private final StringBuilder chars;
        private int[] origins;

        CleanText(int capacity) {
            chars = new StringBuilder(capacity);
            origins = new int[Math.max(16, capacity)];
        }

        void append(char c, int origin) {
            if (chars.length() == origins.length) {
                origins = Arrays.copyOf(origins, origins.length * 2);
            }
            origins[chars.length()] = origin;
            chars.append(c);
        }

        void dropLastIf(char c) {
            if (endsWith(c)) {
                chars.setLength(chars.length() - 1);
            }
        }

        boolean endsWith(char c) {
            return chars.length() > 0 && chars.charAt(chars.length() - 1) == c;
        }

        int length() {
            return chars.length();
        }

        char charAt(int index) {
            return chars.charAt(index);
        }

        String substring(int from, int to) {
            return chars.substring(from, to);
        }

        int origin(int index) {
            return origins[index];
        }
    }

    private SentenceSplitter() {
    }
}
