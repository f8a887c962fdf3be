package io.policywatch.classify.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.policywatch.classify.Seeds;

class SentenceSplitterTest {

    @Test
    void abbreviationsAndInitialsDoNotEndASentence() {
        String text = "The U.S. and the U.K. signed Art. 5 of the treaty, e.g. in No. 3 of the series. "
                + "Mr. Smith agreed with Dr. Jones etc. on this, i.e. The Hague rules apply. J. Doe wrote it. The end.";

        assertEquals(List.of(
                "The U.S. and the U.K. signed Art. 5 of the treaty, e.g. in No. 3 of the series.",
                "Mr. Smith agreed with Dr. Jones etc. on this, i.e. The Hague rules apply.",
                "J. Doe wrote it.",
                "The end."), texts(text));
    }

    @Test
    void numberedItemsAndHeadingsWithoutPunctuationAreSentencesOfTheirOwn() {
        String text = "II. Core concepts and principles\n"
                + "1. Stay committed to the vision of common security.\n"
                + "2. Respect the sovereignty and territorial integrity of all countries\n"
                + "3. Abide by the purposes and principles of the UN Charter.\n";

        assertEquals(List.of(
                "II. Core concepts and principles",
                "1. Stay committed to the vision of common security.",
                "2. Respect the sovereignty and territorial integrity of all countries",
                "3. Abide by the purposes and principles of the UN Charter."), texts(text));
    }

    @Test
    void aBlankLineEndsASentenceUnlessTheNextLineContinuesInLowerCase() {
        String text = "1. Outer Space Security\n\n"
                + "The issue of security bears on the well-being of \n\n"
                + "people of all countries and the future of humanity.\n\n"
                + "BEIJING REVIEW NO.51 DECEMBER 18, 2025\n\n"
                + "Agenda item 94\n\n"
                + "Recalling its resolutions on the subject,\n\n"
                + "Stressing that it is in the interest of all States to cooperate,";

        assertEquals(List.of(
                "1. Outer Space Security",
                "The issue of security bears on the well-being of people of all countries and the future of humanity.",
                "BEIJING REVIEW NO.51 DECEMBER 18, 2025",
                "Agenda item 94",
                "Recalling its resolutions on the subject,",
                "Stressing that it is in the interest of all States to cooperate,"), texts(text));
    }

    @Test
    void hardWrappedLinesAreJoinedAndLineEndHyphenationIsUndone() {
        String text = "They create a new focus of stra-\n"
                + "tegic security, and new territories of global\n"
                + "governance in the Asia-\n"
                + "Pacific. China proposes that the UN\n"
                + "should play a pivotal role in the com-\n\n"
                + "prehensive framework for all countries.\n";

        assertEquals(List.of(
                "They create a new focus of strategic security, and new territories of global governance in the "
                        + "Asia-Pacific.",
                "China proposes that the UN should play a pivotal role in the comprehensive framework for all "
                        + "countries."),
                texts(text));
    }

    @Test
    void aHeadingWrappedOverTwoShortLinesStaysOneSentence() {
        String text = "IV. Leading International Security\nGovernance in Emerging Fields\n\n"
                + "Emerging fields such as outer space, cyberspace, and AI represent new frontiers for human\n"
                + "development, and they create a new focus of strategic security and of global governance.\n";

        assertEquals("IV. Leading International Security Governance in Emerging Fields", texts(text).get(0));
        assertEquals(2, texts(text).size());
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "  Intro line one of the text that is long enough\nto wrap. Sec-\nond sentence here!\n\n"
                + "\tThird one?  Yes.";

        List<Sentence> sentences = SentenceSplitter.split(text);

        assertEquals(List.of("Intro line one of the text that is long enough to wrap.", "Second sentence here!",
                "Third one?", "Yes."), sentences.stream().map(Sentence::text).toList());
        assertEquals(2, sentences.get(0).start());
        assertEquals("Sec-\nond sentence here!", text.substring(sentences.get(1).start(), sentences.get(1).end()));
        assertEquals("Yes.", text.substring(sentences.get(3).start(), sentences.get(3).end()));
        assertMapsBackAndCovers(text, sentences);
    }

    @ParameterizedTest
    @ValueSource(strings = { Seeds.WHITE_PAPER_EMERGING_FIELDS, Seeds.GLOBAL_SECURITY_INITIATIVE,
            Seeds.SCO_INFORMATION_SECURITY, Seeds.UN_ICT_DRAFT_RESOLUTION })
    void seedSentencesMapBackToTheSeedAndCoverAllOfIt(String seed) {
        String text = Seeds.read(seed);

        assertMapsBackAndCovers(text, SentenceSplitter.split(text));
    }

    /**
     * Every sentence's span, cleaned the way the splitter cleans, is its text; the spans are in order, do not
     * overlap, and leave out nothing but whitespace.
     */
    static void assertMapsBackAndCovers(String text, List<Sentence> sentences) {
        boolean[] covered = new boolean[text.length()];
        int previousEnd = 0;
        for (Sentence sentence : sentences) {
            assertTrue(sentence.start() >= previousEnd && sentence.start() < sentence.end(), sentence::toString);
            String span = text.substring(sentence.start(), sentence.end());
            String cleaned = span.replaceAll("[-\\u00AD][ \\t]*(\\R[ \\t]*)+(?=\\p{Ll})", "")
                    .replaceAll("-[ \\t]*(\\R[ \\t]*)+(?=\\p{Lu})", "-")
                    .replaceAll("[\\uFFFD\\u200B\\uFEFF\\u00AD]", "").replaceAll("\\s+", " ");
            assertEquals(sentence.text(), cleaned, "span " + sentence.start() + ".." + sentence.end());
            for (int i = sentence.start(); i < sentence.end(); i++) {
                covered[i] = true;
            }
            previousEnd = sentence.end();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertTrue(covered[i] || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFFFD',
                    "character " + i + " '" + c + "' is in no sentence");
        }
    }

    private static List<String> texts(String text) {
        List<Sentence> sentences = SentenceSplitter.split(text);
        assertMapsBackAndCovers(text, sentences);
        return sentences.stream().map(Sentence::text).toList();
    }
}
