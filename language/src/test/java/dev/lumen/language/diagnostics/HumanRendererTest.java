package dev.lumen.language.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanRendererTest {
    /** 41 filler lines, so the interesting line is 42 and the gutter is two digits wide. */
    private static final String INVOICE = "x\n".repeat(41) + "  let total = item.totl\n" + "y\n".repeat(10)
            + "  return total\n";
    private static final SourceFile FILE = new SourceFile("examples/invoice_agent.lm.md", INVOICE);

    private static String plain(SourceFile file, Diagnostic.Builder... builders) {
        return new HumanRenderer(false).render(file, List.of(builders).stream().map(Diagnostic.Builder::build).toList());
    }

    private static Diagnostic.Builder unknownField() {
        return Diagnostic.error(Code.E0015, Span.of(42, 20, 24), "no field `totl` on record `Invoice`")
                .label("unknown field")
                .help("did you mean `total`?");
    }

    @Test
    void theRustcShape() {
        assertEquals("""
                error[E0015]: no field `totl` on record `Invoice`
                  --> examples/invoice_agent.lm.md:42:20
                   |
                42 |   let total = item.totl
                   |                    ^^^^ unknown field
                   |
                   = help: did you mean `total`?
                """, plain(FILE, unknownField()));
    }

    @Test
    void blankLineBetweenDiagnosticsAndWarningsSayWarning() {
        assertEquals("""
                error[E0015]: no field `totl` on record `Invoice`
                  --> examples/invoice_agent.lm.md:42:20
                   |
                42 |   let total = item.totl
                   |                    ^^^^ unknown field
                   |
                   = help: did you mean `total`?

                warning[W0001]: unreachable code
                  --> examples/invoice_agent.lm.md:53:3
                   |
                53 |   return total
                   |   ^^^^^^^^^^^^
                """, plain(FILE, unknownField(), Diagnostic.warning(Code.W0001, Span.of(53, 3, 15), "unreachable code")));
    }

    @Test
    void notesComeBeforeHelpsAndMultiLineTextsAlign() {
        assertEquals("""
                error[E0012]: mismatched types
                 --> t.lm.md:1:9
                  |
                1 | let x = 1
                  |         ^ expected Float, got Int
                  |
                  = note: first line
                          second line
                  = help: use `to_float(1)`
                """, plain(new SourceFile("t.lm.md", "let x = 1\n"),
                Diagnostic.error(Code.E0012, Span.of(1, 9, 10), "mismatched types").label("expected Float, got Int")
                        .help("use `to_float(1)`").note("first line\nsecond line")));
    }

    @Test
    void tabsAreDrawnAsFourSpacesAndCaretsFollow() {
        SourceFile file = new SourceFile("t.lm.md", "\tlet\tx = totl\n");
        assertEquals("""
                error[E0013]: unknown name `totl`
                 --> t.lm.md:1:10
                  |
                1 |     let    x = totl
                  |                ^^^^ not found
                """, plain(file, Diagnostic.error(Code.E0013, Span.of(1, 10, 14), "unknown name `totl`").label("not found")));
    }

    @Test
    void columnsAndCaretsCountCodePoints() {
        // "é" is one UTF-16 unit, "😀" two; the span covers `x` (UTF-16 column 13).
        SourceFile file = new SourceFile("t.lm.md", "let s = \"é😀\" x\n");
        assertEquals("""
                error[E0007]: unexpected token
                 --> t.lm.md:1:13
                  |
                1 | let s = "é😀" x
                  |             ^ expected a newline
                """, plain(file, Diagnostic.error(Code.E0007, Span.of(1, 14, 15), "unexpected token").label("expected a newline")));
        assertEquals("""
                error[E0002]: unterminated string literal
                 --> t.lm.md:1:9
                  |
                1 | let s = "é😀" x
                  |         ^^^^ this string
                """, plain(file, Diagnostic.error(Code.E0002, Span.of(1, 9, 14), "unterminated string literal").label("this string")));
    }

    @Test
    void zeroWidthSpansGetOneCaretEvenAtTheEndOfALine() {
        SourceFile file = new SourceFile("t.lm.md", "cell f(\n");
        assertEquals("""
                error[E0007]: unexpected end of line
                 --> t.lm.md:1:8
                  |
                1 | cell f(
                  |        ^ expected `)`
                """, plain(file, Diagnostic.error(Code.E0007, Span.of(1, 8, 8), "unexpected end of line").label("expected `)`")));
    }

    @Test
    void multiLineSpansUnderlineTheirFirstLineToItsEnd() {
        SourceFile file = new SourceFile("t.lm.md", "cell f() -> Int\n  let x = 1\nend\n");
        assertEquals("""
                error[E0024]: cell may finish without returning a value
                 --> t.lm.md:1:1
                  |
                1 | cell f() -> Int
                  | ^^^^^^^^^^^^^^^ this cell
                """, plain(file, Diagnostic.error(Code.E0024, new Span(1, 1, 3, 4),
                "cell may finish without returning a value").label("this cell")));
    }

    @Test
    void secondaryLabelsOnOtherLinesWithGaps() {
        SourceFile file = new SourceFile("t.lm.md", "let a = 1\nlet b = 2\nlet a = 3\n\n\n\nlet a = 4\n");
        assertEquals("""
                error[E0016]: `a` is defined more than once
                 --> t.lm.md:3:5
                  |
                1 | let a = 1
                  |     - first defined here
                2 | let b = 2
                3 | let a = 3
                  |     ^ redefined here
                ...
                7 | let a = 4
                  |     - and here
                """, plain(file, Diagnostic.error(Code.E0016, Span.of(3, 5, 6), "`a` is defined more than once")
                .label("redefined here").secondary(Span.of(1, 5, 6), "first defined here").secondary(Span.of(7, 5, 6), "and here")));
    }

    @Test
    void secondaryLabelsOnTheSameLineHangBelow() {
        SourceFile file = new SourceFile("t.lm.md", "let total = price * count\n");
        assertEquals("""
                error[E0021]: operator cannot be applied to these types
                 --> t.lm.md:1:19
                  |
                1 | let total = price * count
                  |             ----- ^ ----- Int
                  |             |
                  |             Float
                """, plain(file, Diagnostic.error(Code.E0021, Span.of(1, 19, 20), "operator cannot be applied to these types")
                .secondary(Span.of(1, 13, 18), "Float").secondary(Span.of(1, 21, 26), "Int")));
        assertEquals("""
                error[E0021]: operator cannot be applied to these types
                 --> t.lm.md:1:19
                  |
                1 | let total = price * count
                  |             ----- ^ ----- Int
                  |             |     |
                  |             |     no `*` for Float and Int
                  |             Float
                """, plain(file, Diagnostic.error(Code.E0021, Span.of(1, 19, 20), "operator cannot be applied to these types")
                .label("no `*` for Float and Int")
                .secondary(Span.of(1, 13, 18), "Float").secondary(Span.of(1, 21, 26), "Int")));
    }

    @Test
    void overlappingMarksShowThePrimary() {
        SourceFile file = new SourceFile("t.lm.md", "foo(bar)\n");
        assertEquals("""
                error[E0017]: wrong number of arguments
                 --> t.lm.md:1:5
                  |
                1 | foo(bar)
                  | ----^^^-
                  | |   |
                  | |   one argument
                  | called here
                """, plain(file, Diagnostic.error(Code.E0017, Span.of(1, 5, 8), "wrong number of arguments")
                .label("one argument").secondary(Span.of(1, 1, 9), "called here")));
    }

    @Test
    void theGutterFitsTheLargestLineNumber() {
        SourceFile file = new SourceFile("t.lm.md", "a\n".repeat(99) + "b\n");
        assertEquals("""
                error[E0013]: unknown name `b`
                   --> t.lm.md:100:1
                    |
                9   | a
                    | - similar
                ...
                100 | b
                    | ^
                """, plain(file, Diagnostic.error(Code.E0013, Span.of(100, 1, 2), "unknown name `b`")
                .secondary(Span.of(9, 1, 2), "similar")));
    }

    @Test
    void noLocationMeansHeaderAndNotesOnly() {
        assertEquals("""
                error[E0040]: unknown tool `htp.get`
                  = note: no location
                  = help: did you mean `http.get`?
                """, plain(FILE, Diagnostic.error(Code.E0040, Span.NONE, "unknown tool `htp.get`")
                .note("no location").help("did you mean `http.get`?")));
    }

    @Test
    void sourceLinesLoseTrailingWhitespace() {
        SourceFile file = new SourceFile("t.lm.md", "let x = 1   \n\n");
        String out = plain(file, Diagnostic.error(Code.E0013, Span.of(1, 13, 13), "m").label("here"),
                Diagnostic.error(Code.E0013, Span.of(2, 1, 1), "m"));
        for (String line : out.split("\n", -1)) {
            assertEquals(line.stripTrailing(), line);
        }
        assertTrue(out.contains("\n1 | let x = 1\n  |             ^ here\n"), out);
        assertTrue(out.contains("\n2 |\n  | ^\n"), out);
    }

    @Test
    void spansOutsideTheFileDoNotThrow() {
        String out = plain(new SourceFile("t.lm.md", "x\n"),
                Diagnostic.error(Code.E0001, Span.of(1, 40, 50), "far right").label("here"),
                Diagnostic.error(Code.E0001, Span.of(9, 1, 2), "past the end").secondary(Span.of(7, 1, 2), "x"));
        assertTrue(out.contains(" --> t.lm.md:1:2\n"), out);
        assertTrue(out.contains("error[E0001]: past the end\n\n") || out.endsWith("error[E0001]: past the end\n"), out);
    }

    @Test
    void colorWrapsTheHeaderGutterAndMarks() {
        String out = new HumanRenderer(true).render(FILE, List.of(unknownField().build()));
        assertEquals("""
                \u001b[1;31merror[E0015]\u001b[0m\u001b[1m: no field `totl` on record `Invoice`\u001b[0m
                  \u001b[1;34m-->\u001b[0m examples/invoice_agent.lm.md:42:20
                   \u001b[1;34m|\u001b[0m
                \u001b[1;34m42 |\u001b[0m   let total = item.totl
                   \u001b[1;34m|\u001b[0m                    \u001b[1;31m^^^^\u001b[0m \u001b[1;31munknown field\u001b[0m
                   \u001b[1;34m|\u001b[0m
                   \u001b[1;34m=\u001b[0m \u001b[1mhelp\u001b[0m: did you mean `total`?
                """, out);
        String warning = new HumanRenderer(true).render(FILE,
                List.of(Diagnostic.warning(Code.W0001, Span.of(53, 3, 15), "unreachable code").build()));
        assertTrue(warning.startsWith("\u001b[1;33mwarning[W0001]\u001b[0m"), warning);
        assertFalse(new HumanRenderer(false).render(FILE, List.of(unknownField().build())).contains("\u001b"));
    }

    @Test
    void aLongLineIsShownAroundTheMark() {
        // 100,000 characters: `a0 a1 a2 …`, with the mark on the word `target` far along the line.
        StringBuilder line = new StringBuilder();
        for (int i = 0; line.length() < 50_000; i++) {
            line.append('a').append(i).append(' ');
        }
        int column = line.length() + 1;
        line.append("target");
        while (line.length() < 100_000) {
            line.append(" b");
        }
        SourceFile file = new SourceFile("long.lm.md", line + "\n");
        String out = plain(file, Diagnostic.error(Code.E0013, Span.of(1, column, column + 6), "cannot find `target`")
                .label("not found"));
        String[] rows = out.split("\n");
        for (String row : rows) {
            assertTrue(row.length() <= LineWindow.WIDTH + 20, "row of " + row.length() + " characters");
        }
        // The shown text is `...` and the 120 columns from 40 before the mark; the carets sit under `target`.
        String source = rows[3];
        String carets = rows[4];
        assertTrue(source.startsWith("1 | ..."), source);
        assertTrue(source.endsWith("..."), source);
        int at = carets.indexOf('^');
        assertEquals("target", source.substring(at, at + 6));
        assertEquals("^^^^^^ not found", carets.substring(at));
    }

    @Test
    void aMarkAtTheEndOfALongLineIsShownThere() {
        String line = "x".repeat(500);
        SourceFile file = new SourceFile("long.lm.md", line + "\n");
        String out = plain(file, Diagnostic.error(Code.E0007, Span.of(1, 501, 501), "expected `)`")
                .label("expected `)` here"));
        String[] rows = out.split("\n");
        assertEquals("1 | ..." + "x".repeat(LineWindow.WIDTH), rows[3]);
        assertEquals("  | " + " ".repeat(3 + LineWindow.WIDTH) + "^ expected `)` here", rows[4]);
    }

    @Test
    void aDiagnosticWithoutMarksOnItsLineStillRenders() {
        // found by the pipeline fuzz test: an unclosed block of `not`s gave a line with no mark to draw
        SourceFile file = new SourceFile("fuzz.lm.md", "```lumen\nenum y\n m))not not not not not not n not not not not not not not not not not not not not not not not not not not not not not not ");
        var result = dev.lumen.language.FrontEnd.check(file);
        String rendered = new HumanRenderer(false).render(file, result.diagnostics());
        assertTrue(rendered.startsWith("error"), rendered);
    }
}
