package dev.lumen.lsp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Open documents: incremental edits as LSP defines them (UTF-16, any line terminator, clamped), queued and trimmed. */
class DocumentsTest {
    private static final String URI = "file:///tmp/a.lm.md";
    private final AtomicLong now = new AtomicLong();
    private final Documents documents = new Documents(Map.of(), now::get);

    private static TextDocumentContentChangeEvent replace(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    private String edited(String text, TextDocumentContentChangeEvent... changes) {
        documents.open(URI, 1, text);
        documents.change(URI, 2, List.of(changes));
        return documents.current(URI).text();
    }

    @Test
    void changesApplyInOrderEachToTheTextTheOneBeforeLeft() {
        documents.open(URI, 1, "abc\ndef\n");
        OpenDocument first = documents.current(URI);
        documents.change(URI, 2, List.of(replace(0, 1, 0, 2, "XY"), replace(1, 0, 1, 0, ">"), replace(0, 0, 0, 0, "^")));
        OpenDocument second = documents.current(URI);
        assertEquals("^aXYc\n>def\n", second.text());
        assertEquals(2, second.version());
        assertEquals("abc\ndef\n", first.text(), "a version never changes");
    }

    @Test
    void changesQueuedBeforeTheDocumentIsWantedAreCheckedOnce() {
        documents.open(URI, 1, "ab");
        OpenDocument first = documents.current(URI);
        documents.change(URI, 2, List.of(replace(0, 2, 0, 2, "c")));
        documents.change(URI, 3, List.of(replace(0, 3, 0, 3, "d")));
        assertFalse(documents.isCurrent(first));
        assertSame(first, documents.latest(URI), "nothing is applied until the document is wanted");
        OpenDocument third = documents.current(URI);
        assertEquals("abcd", third.text());
        assertEquals(3, third.version());
        assertEquals(first.analysis().version() + 2, third.analysis().version(), "two changes");
        assertTrue(documents.isCurrent(third));
        assertSame(third, documents.current(URI), "nothing queued: the same version");
        assertTrue(documents.publish(third));
        assertFalse(documents.publish(third), "published once");
    }

    @Test
    void charactersAreUtf16CodeUnits() {
        assertEquals("🦀!\n", edited("🦀x\n", replace(0, 2, 0, 3, "!")));
    }

    @Test
    void everyLineTerminatorEndsALine() {
        assertEquals("a\r\nb\rC\nd", edited("a\r\nb\rc\nd", replace(2, 0, 2, 1, "C")));
        // A character past the end of a line is its end, before its terminator.
        assertEquals("a!\r\nb\rc\nd", edited("a\r\nb\rc\nd", replace(0, 9, 0, 9, "!")));
    }

    @Test
    void positionsPastTheEndOrBeforeTheStartAreClamped() {
        assertEquals("ab\ncd!", edited("ab\ncd", replace(7, 3, 9, 0, "!")));
        assertEquals("!ab\ncd", edited("ab\ncd", replace(-1, -5, -1, 0, "!")));
        assertEquals("ab\nccd", edited("ab\ncd", replace(1, 1, 0, 0, "c")),
                "an end before the start is the start: nothing is removed");
    }

    @Test
    void aChangeWithoutARangeReplacesTheWholeText() {
        assertEquals("new", edited("old", new TextDocumentContentChangeEvent("new")));
    }

    @Test
    void positionsAndOffsetsConvertBothWays() {
        documents.open(URI, 1, "ab\r\ncd\n");
        OpenDocument d = documents.current(URI);
        assertEquals(new Position(1, 1), d.position(5));
        assertEquals(5, d.offset(new Position(1, 1)));
        assertEquals(new Position(2, 0), d.position(99));
    }

    @Test
    void onlyFileUrisHaveAPath() {
        assertEquals(Path.of("/tmp/a b.lm.md"), OpenDocument.pathOf("file:///tmp/a%20b.lm.md"));
        assertNull(OpenDocument.pathOf("untitled:Untitled-1"));
        assertNull(OpenDocument.pathOf("not a uri"));
        assertEquals("/tmp/a b.lm.md", OpenDocument.sourceOf("file:///tmp/a%20b.lm.md", "").name());
        assertEquals("untitled:Untitled-1", OpenDocument.sourceOf("untitled:Untitled-1", null).name());
    }

    @Test
    void documentsLeftIdleAreTrimmedAndAnswerTheSameAfterwards() {
        String text = "# T\n\n```lumen\ncell f(x: Int) -> Int\n  return x + y\nend\n```\n";
        documents.open(URI, 1, text);
        OpenDocument before = documents.current(URI);
        var diagnostics = before.analysis().diagnostics();
        var outline = before.analysis().outline();
        now.addAndGet(Documents.IDLE.toNanos() / 2);
        assertEquals(0, documents.trimIdle(), "not idle long enough");
        now.addAndGet(Documents.IDLE.toNanos());
        assertEquals(1, documents.trimIdle());
        assertEquals(0, documents.trimIdle(), "trimmed once");
        OpenDocument after = documents.current(URI);
        assertEquals(diagnostics, after.analysis().diagnostics());
        assertEquals(outline, after.analysis().outline(), "derived again");
    }

    @Test
    void allButTheDocumentsAskedAboutLastAreTrimmed() {
        for (int i = 0; i <= Documents.KEPT; i++) {
            now.incrementAndGet();
            documents.open("file:///tmp/d" + i + ".lm.md", 1, "# D\n");
            documents.current("file:///tmp/d" + i + ".lm.md");
        }
        now.addAndGet(Documents.IDLE.toNanos() * 2);
        assertEquals(Documents.KEPT, documents.trimIdle(), "the eldest was trimmed when one too many were kept");
    }
}
