package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.incremental.IncrementalDocument.Reuse;
import dev.lumen.language.incremental.IncrementalDocument.Reuse.Route;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An open document changed edit by edit: what each edit parses again, and that it reports what `check` reports. */
class DocumentSessionTest {
    private static final String DOC = """
            # Doc

            ```lumen
            cell one() -> Int
              return 1
            end
            ```

            Prose between blocks.

            ```lumen
            cell two() -> Int
              return one() + 1
            end
            ```

            ```lumen
            cell three() -> Int
              return two() + 1
            end
            ```
            """;

    private static DocumentSession open(String text) {
        return new DocumentSession(new SourceFile("doc.lm.md", text), Project.none());
    }

    private static void sameAsCheck(Analysis a) {
        assertEquals(FrontEnd.check(new SourceFile("doc.lm.md", a.text())).diagnostics(), a.diagnostics());
    }

    @Test
    void aCharacterTypedInCodeParsesOnlyItsBlock() {
        DocumentSession s = open(DOC);
        int at = DOC.indexOf("return 1") + "return 1".length();
        Analysis a = s.edit(at, at, "0");
        assertEquals(new Reuse(Route.CODE_LINE, 1, 0, 2), a.reuse());
        assertEquals("return 10", a.text().substring(at - 8, at + 1));
        sameAsCheck(a);
        Analysis broken = s.edit(at, at, " )");
        assertEquals(new Reuse(Route.CODE_LINE, 1, 0, 2), broken.reuse());
        assertEquals(1, broken.diagnostics().size());
        sameAsCheck(broken);
    }

    @Test
    void aWordTypedInProseParsesAndChecksNothing() {
        DocumentSession s = open(DOC);
        Analysis before = s.current();
        int at = DOC.indexOf("blocks.");
        Analysis a = s.edit(at, at, "code ");
        assertEquals(new Reuse(Route.PROSE_LINE, 0, 0, 3), a.reuse());
        assertEquals(true, a.checked().program() == before.checked().program());
        sameAsCheck(a);
        Analysis broken = s.edit(DOC.indexOf("return 1") + 8, DOC.indexOf("return 1") + 8, " +)");
        int prose = broken.text().indexOf("code ");
        Analysis still = s.edit(prose, prose + 5, "");
        assertEquals(Route.PROSE_LINE, still.reuse().route());
        assertEquals(broken.diagnostics(), still.diagnostics());
        sameAsCheck(still);
    }

    @Test
    void proseEditsThatCouldChangeTheStructureAreExtractedAgain() {
        // Each: a document, where the edit goes (after the marker text) and what it inserts.
        String[][] cases = {
            {"Some words here\n--\n", "words ", "x"},            // the next line could make this a setext heading
            {"# A heading here\n", "heading ", "x"},              // heading text
            {"~~~ lume\ncell x() -> Int\n~~~\n", "lume", "n"},   // becomes a lumen fence
            {"1\n", "1", "."},                                     // becomes a list item
            {"<!-- note here -\n\n```lumen\ncell x() -> Int\n```\n", "here -", "->"}, // ends an HTML block
            {"Hello there world\n", "Hel", "x"},                   // inside the first word
            {"@trace off now\n", "off ", "x"},                     // a directive
        };
        for (String[] c : cases) {
            DocumentSession s = open(c[0]);
            int at = c[0].indexOf(c[1]) + c[1].length();
            Analysis a = s.edit(at, at, c[2]);
            assertEquals(Route.EXTRACTED, a.reuse().route(), c[0]);
            sameAsCheck(a);
        }
    }

    @Test
    void aLineInsertedAboveShiftsTheBlocksBelow() {
        DocumentSession s = open(DOC);
        int at = DOC.indexOf("Prose");
        Analysis a = s.edit(at, at, "More prose.\n\n");
        assertEquals(new Reuse(Route.EXTRACTED, 0, 2, 1), a.reuse());
        sameAsCheck(a);
        int inTwo = a.text().indexOf("return one()");
        Analysis b = s.edit(inTwo, inTwo, "let x = 1\n  ");
        assertEquals(new Reuse(Route.EXTRACTED, 1, 1, 1), b.reuse());
        sameAsCheck(b);
        // The shifted block's names still resolve where they now are.
        int call = b.text().indexOf("two() + 1");
        assertEquals(b.text().indexOf("two() -> Int") + 1, b.file().offset(b.definition(call).orElseThrow().line())
                + b.definition(call).orElseThrow().column());
    }

    @Test
    void aFenceOpenedInProseSwallowsWhatFollows() {
        DocumentSession s = open(DOC);
        int at = DOC.indexOf("Prose");
        Analysis a = s.edit(at, at, "```lumen\n");
        sameAsCheck(a);
        Analysis b = s.edit(at, at + "```lumen\n".length(), "");
        assertEquals(open(DOC).current().diagnostics(), b.diagnostics());
        sameAsCheck(b);
    }

    @Test
    void changesAtEditorPositionsApplyInOrder() {
        DocumentSession s = open(DOC);
        Analysis a = s.apply(List.of(
                new TextChange(new Position(4, 9), new Position(4, 10), "2"),
                new TextChange(new Position(0, 0), new Position(0, 0), "Intro\n\n"),
                new TextChange(new Position(6, 11), new Position(6, 11), "0")));
        assertEquals(DOC.replace("return 1\n", "return 20\n").replaceFirst("# Doc", "Intro\n\n# Doc"), a.text());
        assertEquals(3, a.version());
        sameAsCheck(a);
        Analysis whole = s.apply(List.of(TextChange.whole("no code at all\n")));
        assertEquals(new Reuse(Route.EXTRACTED, 0, 0, 0), whole.reuse());
        sameAsCheck(whole);
    }

    @Test
    void aTrimmedSessionDerivesTheSameAnswersAgain() {
        DocumentSession s = open(DOC);
        int call = DOC.indexOf("one() + 1");
        Analysis before = s.current();
        var definition = before.definition(call);
        var hover = before.hover(call);
        s.trim();
        assertEquals(definition, before.definition(call));
        assertEquals(hover, before.hover(call));
        int at = DOC.indexOf("return 1") + "return 1".length();
        s.trim();
        Analysis after = s.edit(at, at, "0");
        assertEquals(new Reuse(Route.CODE_LINE, 1, 0, 2), after.reuse());
        sameAsCheck(after);
        assertEquals(definition, after.definition(call + 1));
    }

    @Test
    void anEditPastTheEndAppends() {
        DocumentSession s = open(DOC);
        Analysis a = s.edit(1_000_000, 2_000_000, "tail\n");
        assertEquals(DOC + "tail\n", a.text());
        Analysis b = s.edit(-10, 0, "head ");
        assertEquals("head " + DOC + "tail\n", b.text());
    }

    @Test
    void indentationBeforeTheFirstCharacterOfCodeIsExtractedAgain() {
        String indented = "- item\n\n  ```lumen\n  cell run() -> Int\n    return 1\n  end\n  ```\n";
        DocumentSession s = open(indented);
        int at = indented.indexOf("    return");
        Analysis a = s.edit(at, at, " ");
        assertEquals(true, a.reuse().extracted());
        sameAsCheck(a);
        int fence = a.text().indexOf("  end");
        Analysis b = s.edit(fence + 2, fence + 2, "```");
        sameAsCheck(b);
    }

    @Test
    void theExamplesCheckAsTheyDoWhole() throws Exception {
        Path examples = Path.of("..", "examples");
        try (var files = Files.list(examples)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".lm.md")).toList()) {
                String text = Files.readString(p);
                Analysis a = new DocumentSession(new SourceFile(p.toString(), text, p), Project.none()).current();
                assertEquals(FrontEnd.check(new SourceFile(p.toString(), text, p)).diagnostics(), a.diagnostics());
            }
        }
    }
}
