package dev.runbook.stdlib;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextsTest {

    @Test
    void aDslTextBlockIndentedWithTheFileLosesTheIndentationItsLinesShare() {
        String written = "\n      Counts now: 3 users,\n        2 memberships.\n      Compare with last week.\n    ";
        assertEquals("Counts now: 3 users,\n  2 memberships.\nCompare with last week.", Texts.block(written));
    }

    @Test
    void aTextStartingOnTheLineOfItsQuotesIsIndentedByItsFollowingLines() {
        String written = "Final verification on staging, a\n    release tag, the push.\n  ";
        assertEquals("Final verification on staging, a\nrelease tag, the push.", Texts.block(written));
    }

    @Test
    void aYamlBlockKeepsItsRelativeIndentationAndItsBlankLines() {
        String written = "Run:\n  npm run build\n\nthen push.\n";
        assertEquals("Run:\n  npm run build\n\nthen push.", Texts.block(written));
    }

    @Test
    void aOneLineTextIsOnlyTrimmed() {
        assertEquals("Restore the database?", Texts.block("  Restore the database? "));
    }
}
