package io.policywatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.policywatch.ingest.extraction.TextCleanup;
import io.policywatch.ingest.extraction.Titles;

/** The excerpts are from seed 000, an OCR'd Beijing Review page, and seed 001, a two-column PDF. */
class TextCleanupTest {

    @Test
    void lineEndingsTrailingSpacesAndBlankRunsAreNormalised() {
        String raw = "\uFEFF\r\n  Title  \r\n\r\n\r\n\r\nFirst paragraph.\t \rSecond line\u0000.\f\n\n\n\nEnd   \n\n";
        assertEquals("Title\n\nFirst paragraph.\nSecond line.\n\nEnd", TextCleanup.clean(raw));
    }

    @Test
    void linesBrokenMidSentenceAreJoinedAndHyphenationIsUndone() {
        String raw = """
                Emerging fields such as outer space, cyberspace, and Al represent
                new frontiers for human development. They create a new focus of stra-
                tegic security, and new territories of global governance. China proposes
                that with the universal participation of all countries, the UN should play
                a pivotal role.""";
        assertEquals("Emerging fields such as outer space, cyberspace, and Al represent new frontiers for human "
                + "development. They create a new focus of strategic security, and new territories of global "
                + "governance. China proposes that with the universal participation of all countries, the UN should "
                + "play a pivotal role.", TextCleanup.clean(raw));
    }

    @Test
    void aHyphenIsKeptWhereTheWordIsACompound() {
        String raw = """
                The lasting peace and security in outer space is of vital importance
                to the security, development and prosperity of all nations and the wellbe-
                ing and long-
                term interests of humanity. We oppose uni-
                lateralism, and we keep all-
                round cooperation; the all-round approach matters.""";
        assertEquals("The lasting peace and security in outer space is of vital importance to the security, "
                + "development and prosperity of all nations and the wellbeing and long-term interests of humanity. "
                + "We oppose unilateralism, and we keep all-round cooperation; the all-round approach matters.",
                TextCleanup.clean(raw));
    }

    @Test
    void repeatedPageHeadersFootersAndPageNumbersAreDroppedAndParagraphsKept() {
        String raw = """
                making substantive contributions to the formulation of a legally binding instrument.

                BEIJING REVIEW NO.51 DECEMBER 18, 2025

                DOCUMENT / 3 fF

                12

                Conducting aerospace activities with transparency and openness.
                China adheres to the principles of equality, mutual trust, transpar-
                ency, and openness in aerospace activities.

                BEIJING REVIEW NO.51 DECEMBER 18, 2025

                DOCUMENT / 3 f'F

                - 13 -

                Article 1

                The Parties shall cooperate.

                Article 2""";
        assertEquals("""
                making substantive contributions to the formulation of a legally binding instrument.

                Conducting aerospace activities with transparency and openness.
                China adheres to the principles of equality, mutual trust, transparency, and openness in aerospace \
                activities.

                Article 1

                The Parties shall cooperate.

                Article 2""", TextCleanup.clean(raw));
    }

    @Test
    void headingsAndListItemsStayOnTheirOwnLines() {
        String raw = """
                1. Outer Space Security

                Advocating comprehensive governance of outer space security.
                Outer space security rules that are open, inclusive, and universally-
                accepted hold the key:
                - oppose the weaponization of outer space
                - promote peaceful uses""";
        assertEquals("""
                1. Outer Space Security

                Advocating comprehensive governance of outer space security.
                Outer space security rules that are open, inclusive, and universally-accepted hold the key:
                - oppose the weaponization of outer space
                - promote peaceful uses""", TextCleanup.clean(raw));
    }

    @Test
    void theTitleIsTheFirstLineWithWordsCappedAtAWordBoundary() {
        String longLine = "Declaration on the prevention of an arms race in outer space ".repeat(5).strip();
        String title = Titles.choose(null, null, "12\n---\n" + longLine + "\nbody", "file.txt", "id");
        assertTrue(title.length() <= 201 && title.endsWith("…"), title);
        String kept = title.substring(0, title.length() - 1);
        assertTrue(longLine.startsWith(kept + " "), "cut between words: " + title);
        assertEquals("Given", Titles.choose(" Given ", "Meta", "Text line", "file.txt", "id"));
        assertEquals("Meta title", Titles.choose(null, "  Meta\n title ", "Text line", "file.txt", "id"));
        assertEquals("file.txt", Titles.choose(null, null, "42 / 7", "file.txt", "id"));
        assertEquals("id", Titles.choose(null, "", "42 / 7", null, "id"));
    }
}
