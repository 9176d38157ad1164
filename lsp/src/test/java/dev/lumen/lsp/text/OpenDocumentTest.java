package dev.lumen.lsp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Incremental edits as LSP defines them: UTF-16 characters, any line terminator, positions clamped. */
class OpenDocumentTest {

    private static TextDocumentContentChangeEvent replace(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    @Test
    void changesApplyInOrderEachToTheTextTheOneBeforeLeft() {
        OpenDocument d = new OpenDocument("file:///a.lm.md", 1, "abc\ndef\n");
        OpenDocument e = d.edit(2, List.of(replace(0, 1, 0, 2, "XY"), replace(1, 0, 1, 0, ">"), replace(0, 0, 0, 0, "^")));
        assertEquals("^aXYc\n>def\n", e.text());
        assertEquals(2, e.version());
        assertEquals("abc\ndef\n", d.text(), "a version never changes");
    }

    @Test
    void charactersAreUtf16CodeUnits() {
        OpenDocument d = new OpenDocument("file:///a.lm.md", 1, "🦀x\n");
        assertEquals("🦀!\n", d.edit(2, List.of(replace(0, 2, 0, 3, "!"))).text());
    }

    @Test
    void everyLineTerminatorEndsALine() {
        OpenDocument d = new OpenDocument("file:///a.lm.md", 1, "a\r\nb\rc\nd");
        assertEquals(4, d.lines().lineCount());
        assertEquals("a\r\nb\rC\nd", d.edit(2, List.of(replace(2, 0, 2, 1, "C"))).text());
        // A character past the end of a line is its end, before its terminator.
        assertEquals("a!\r\nb\rc\nd", d.edit(2, List.of(replace(0, 9, 0, 9, "!"))).text());
    }

    @Test
    void positionsPastTheEndOrBeforeTheStartAreClamped() {
        OpenDocument d = new OpenDocument("file:///a.lm.md", 1, "ab\ncd");
        assertEquals("ab\ncd!", d.edit(2, List.of(replace(7, 3, 9, 0, "!"))).text());
        assertEquals("!ab\ncd", d.edit(2, List.of(replace(-1, -5, -1, 0, "!"))).text());
        assertEquals("ab\nccd", d.edit(2, List.of(replace(1, 1, 0, 0, "c"))).text(),
                "an end before the start is the start: nothing is removed");
    }

    @Test
    void aChangeWithoutARangeReplacesTheWholeText() {
        OpenDocument d = new OpenDocument("file:///a.lm.md", 1, "old");
        assertEquals("new", d.edit(2, List.of(new TextDocumentContentChangeEvent("new"))).text());
    }

    @Test
    void onlyFileUrisHaveAPath() {
        assertEquals(Path.of("/tmp/a b.lm.md"), OpenDocument.pathOf("file:///tmp/a%20b.lm.md"));
        assertNull(OpenDocument.pathOf("untitled:Untitled-1"));
        assertNull(OpenDocument.pathOf("not a uri"));
        assertEquals("/tmp/a b.lm.md", new OpenDocument("file:///tmp/a%20b.lm.md", 1, "").source().name());
        assertEquals("untitled:Untitled-1", new OpenDocument("untitled:Untitled-1", 1, "").source().name());
    }

    @Test
    void positionsAndOffsetsConvertBothWays() {
        LineIndex lines = LineIndex.of("ab\r\ncd\n");
        assertEquals(new Position(1, 1), lines.position(5));
        assertEquals(5, lines.offset(new Position(1, 1)));
        assertEquals(new Position(2, 0), lines.position(99));
    }
}
