package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.format.FormatResult;
import dev.lumen.language.format.Formatter;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** {@code textDocument/formatting} and {@code rangeFormatting}: {@code lumen fmt}'s formatter as text edits. */
class FormattingTest {

    @Test
    void formatsABadlyLaidOutExampleAsTheFormatterDoes() throws IOException {
        String bad = badlyLaidOut(Files.readString(LspSession.ROOT.resolve("examples/invoice_agent.lm.md")));
        String expected = ((FormatResult.Formatted) Formatter.format(new SourceFile("x.lm.md", bad))).text();
        assertNotEquals(bad, expected, "the layout is bad enough to change");
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/invoice.lm.md";
            session.open(uri, bad);
            List<? extends TextEdit> edits = formatting(session, uri);
            String formatted = TextEdits.apply(bad, edits);
            assertEquals(expected, formatted);
            assertTrue(edits.stream().noneMatch(e -> e.getRange().getStart().getLine() < 13),
                    "the front matter and the prose before the first block are not touched: " + edits);
            session.change(uri, null, formatted);
            assertEquals(List.of(), formatting(session, uri), "formatting the result changes nothing");
        }
    }

    @Test
    void aCrlfDocumentKeepsItsLineEnds() {
        String text = "# Sums\r\n\r\n```lumen\r\ncell add(a: Int,b: Int) -> Int\r\nreturn a+b\r\nend\r\n```\r\n";
        try (LspSession session = LspSession.start()) {
            session.open("file:///tmp/crlf.lm.md", text);
            List<? extends TextEdit> edits = formatting(session, "file:///tmp/crlf.lm.md");
            assertEquals("# Sums\r\n\r\n```lumen\r\ncell add(a: Int, b: Int) -> Int\r\n  return a + b\r\nend\r\n```\r\n",
                    TextEdits.apply(text, edits));
            assertEquals(3, edits.getFirst().getRange().getStart().getLine(), "the fence line is kept");
        }
    }

    @Test
    void positionsCountUtf16AfterNonAsciiText() {
        String text = "# Zürich 😀 ✓\n\nÜber `x` — 😀😀\n```lumen\ncell   f()   ->   Int\n  return 1\nend\n```\n";
        try (LspSession session = LspSession.start()) {
            session.open("file:///tmp/u.lm.md", text);
            List<? extends TextEdit> edits = formatting(session, "file:///tmp/u.lm.md");
            assertEquals(1, edits.size(), edits.toString());
            assertEquals(new Range(new org.eclipse.lsp4j.Position(4, 0), new org.eclipse.lsp4j.Position(5, 0)),
                    edits.getFirst().getRange());
            assertEquals("cell f() -> Int\n", edits.getFirst().getNewText());
        }
    }

    @Test
    void aDocumentWithSyntaxErrorsGetsNoEdits() {
        String text = "```lumen\ncell   f()  ->  Int\n  return (1 +\nend\n```\n";
        try (LspSession session = LspSession.start()) {
            session.open("file:///tmp/broken.lm.md", text);
            assertEquals(List.of(), formatting(session, "file:///tmp/broken.lm.md"));
            assertTrue(session.errorResponses().isEmpty(), session.errorResponses().toString());
        }
    }

    @Test
    void aRangeFormatsTheBlocksItTouches() {
        Marked doc = Marked.of("""
                ```lumen
                cell   f()  ->  Int
                  return 1
                end
                ```

                ```lumen
                cell   g()  ->  Int
                  return [[2]]
                end
                ```
                """);
        try (LspSession session = LspSession.start()) {
            session.open("file:///tmp/r.lm.md", doc.text());
            List<? extends TextEdit> edits = LspSession.await(session.server().getTextDocumentService()
                    .rangeFormatting(new DocumentRangeFormattingParams(new TextDocumentIdentifier("file:///tmp/r.lm.md"),
                            new FormattingOptions(2, true), doc.range(0))));
            assertEquals(1, edits.size(), edits.toString());
            assertEquals(7, edits.getFirst().getRange().getStart().getLine());
            assertEquals("cell g() -> Int\n", edits.getFirst().getNewText());
        }
    }

    private static List<? extends TextEdit> formatting(LspSession session, String uri) {
        return LspSession.await(session.server().getTextDocumentService().formatting(
                new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true))));
    }

    /** {@code text} with its code indented twice as deep, operators crowded and spaces trailing. */
    private static String badlyLaidOut(String text) {
        StringBuilder out = new StringBuilder();
        boolean code = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                code = line.equals("```lumen");
                out.append(line);
            } else if (code) {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                out.append(indent).append(indent).append(line.stripLeading().replace(" = ", "=").replace(", ", " ,"));
                out.append(line.isBlank() ? "" : "   ");
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
