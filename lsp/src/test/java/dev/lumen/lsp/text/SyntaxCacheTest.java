package dev.lumen.lsp.text;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** A version is parsed once while it is among the recent ones, and parsed again once it has been let go. */
class SyntaxCacheTest {
    private static final String TEXT = "```lumen\ncell f() -> Int\n  return 1\nend\n```\n";

    @Test
    void theRecentDocumentsKeepTheirSyntax() {
        SyntaxCache cache = new SyntaxCache(2);
        OpenDocument a = new OpenDocument("file:///a.lm.md", 1, TEXT, cache);
        OpenDocument b = new OpenDocument("file:///b.lm.md", 1, TEXT, cache);
        OpenDocument c = new OpenDocument("file:///c.lm.md", 1, TEXT, cache);
        Syntax first = a.syntax();
        assertSame(first, a.syntax());
        Syntax ofB = b.syntax();
        a.syntax(); // a is the most recent again
        c.syntax(); // so b goes
        assertSame(first, a.syntax());
        assertNotSame(ofB, b.syntax(), "parsed again");
    }

    @Test
    void anEditIsANewVersionWithItsOwnSyntax() {
        SyntaxCache cache = new SyntaxCache(4);
        OpenDocument v1 = new OpenDocument("file:///a.lm.md", 1, TEXT, cache);
        OpenDocument v2 = v1.edit(2, java.util.List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent("# x\n")));
        assertNotSame(v1.syntax(), v2.syntax());
        assertSame(v2.syntax(), v2.syntax());
    }
}
