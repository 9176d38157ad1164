package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What an editor may hand the front end: binary files, huge documents, absurd nesting, positions that do not
 * exist. Each gets diagnostics or empty answers, never an exception.
 */
class EditorRobustnessTest {

    private static DocumentSession open(String text) {
        return new DocumentSession(new SourceFile("doc.lm.md", text), Project.none());
    }

    @Test
    void binaryContent() {
        Random random = new Random(7);
        StringBuilder bytes = new StringBuilder("```lumen\n");
        for (int i = 0; i < 20_000; i++) {
            bytes.append((char) random.nextInt(0x10000));
        }
        bytes.append("\n```\n");
        DocumentSession s = open(bytes.toString());
        Analysis a = s.current();
        for (int offset = 0; offset < bytes.length(); offset += 997) {
            Queries.all(a, offset);
        }
        Analysis edited = s.edit(100, 200, "\u0000\uFFFF\uD800");
        assertEquals(FrontEnd.check(new SourceFile("doc.lm.md", edited.text())).diagnostics(), edited.diagnostics());
        edited.outline();
    }

    @Test
    void aFiveMegabyteDocument() {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (text.length() < 5_000_000) {
            text.append("## Part ").append(i).append("\n\n```lumen\ncell c").append(i).append("(x: Int) -> Int\n  return x + ")
                    .append(i).append("\nend\n```\n\n");
            i++;
        }
        DocumentSession s = open(text.toString());
        assertTrue(s.current().diagnostics().isEmpty());
        int at = text.indexOf("return x + 7") + "return x + 7".length();
        Analysis a = s.edit(at, at, " +");
        assertFalse(a.diagnostics().isEmpty());
        assertEquals(1, a.reuse().parsed());
        Queries.all(a, at);
        assertFalse(a.outline().isEmpty());
    }

    @Test
    void tenThousandNestedBrackets() {
        String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        String text = "```lumen\ncell run() -> Int\n  return " + deep + "\nend\n```\n";
        DocumentSession s = open(text);
        Analysis a = s.current();
        assertEquals(FrontEnd.check(new SourceFile("doc.lm.md", text)).diagnostics(), a.diagnostics());
        assertFalse(a.diagnostics().isEmpty());
        for (int offset : new int[] {0, 30, 5_000, 10_020, text.length() - 10}) {
            Queries.all(a, offset);
        }
        Analysis opened = s.edit(text.indexOf("return") + 7, text.indexOf("return") + 7, "[".repeat(10_000));
        Queries.all(opened, text.indexOf("return") + 10_007);
        String records = "```lumen\ncell run() -> Int\n  return " + "{a: ".repeat(10_000) + "\nend\n```\n";
        Queries.all(open(records).current(), records.length() / 2);
    }

    @Test
    void positionsPastTheEndAndBeforeTheStart() {
        String text = "```lumen\ncell run() -> Int\n  return 1\nend\n```\n";
        Analysis a = open(text).current();
        for (int offset : new int[] {-1, Integer.MIN_VALUE, text.length(), text.length() + 1, Integer.MAX_VALUE}) {
            Queries.all(a, offset);
            assertTrue(a.definition(offset).isEmpty());
            assertTrue(a.references(offset, true).isEmpty());
            assertTrue(a.hover(offset).isEmpty());
        }
        assertEquals(text.length(), a.offset(new Position(1_000, 3)));
        assertEquals(0, a.offset(new Position(-3, -3)));
        assertEquals(text.indexOf("return 1") + 8, a.offset(new Position(2, 1_000)));
        assertEquals(new Position(1, 0), a.position(text.indexOf("cell")));
    }

    @Test
    void anEmptyDocument() {
        Analysis a = open("").current();
        Queries.all(a, 0);
        assertTrue(a.outline().isEmpty());
        assertTrue(a.diagnostics().isEmpty());
    }
}
