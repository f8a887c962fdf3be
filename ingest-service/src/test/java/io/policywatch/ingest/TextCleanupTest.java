package io.policywatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.policywatch.ingest.extraction.TextCleanup;
import io.policywatch.ingest.extraction.Titles;

class TextCleanupTest {

    @Test
    void lineEndingsTrailingSpacesAndBlankRunsAreNormalised() {
        String raw = "\uFEFF\r\n  Title  \r\n\r\n\r\n\r\nFirst paragraph.\t \rSecond line\u0000.\f\n\n\n\nEnd   \n\n";
        assertEquals("Title\n\nFirst paragraph.\nSecond line.\n\nEnd", TextCleanup.clean(raw));
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
