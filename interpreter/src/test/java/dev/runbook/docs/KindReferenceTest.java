package dev.runbook.docs;

import dev.runbook.doc.KindReference;
import dev.runbook.stdlib.ActionKinds;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/language.md's reference of the kinds (keys, result fields, ask types) is what the descriptors say. */
class KindReferenceTest {
    static final String BEGIN = "<!-- kinds:begin: written by dev.runbook.doc.KindReference; KindReferenceTest compares -->\n";
    static final String END = "<!-- kinds:end -->";

    @Test
    void theLanguageReferenceOfEveryKindIsTheOneItsDescriptorGives() throws Exception {
        Path language = Path.of(System.getProperty("runbook.repo"), "docs", "language.md");
        String text = Files.readString(language);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/language.md has the generated section between its markers");
        String expected = KindReference.markdown(ActionKinds.standard());
        assertEquals(expected, text.substring(begin + BEGIN.length(), end),
                "docs/language.md differs from the descriptors; put this between the markers:\n" + expected);
    }
}
