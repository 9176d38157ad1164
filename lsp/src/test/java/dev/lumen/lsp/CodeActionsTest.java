package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

/**
 * {@code textDocument/codeAction}: the quick fixes that apply the diagnostics' suggestions. Each case is a
 * document whose {@code [[…]]} is the range asked about, the action expected there, and the document after
 * applying its edit.
 */
class CodeActionsTest extends SharedSessionTest {
    private static final String URI = "file:///tmp/fixes.lm.md";
    @Test
    void anUnknownNameIsRenamedToTheOneMeant() {
        assertFix("""
                ```lumen
                cell area(width: Int, height: Int) -> Int
                  return width * [[heigth]]
                end
                ```
                """, "Change to `height`", """
                ```lumen
                cell area(width: Int, height: Int) -> Int
                  return width * height
                end
                ```
                """);
    }

    @Test
    void aMisspeltDirectiveAndItsValueAreChangedToTheOnesMeant() {
        assertFix("""
                [[@cahce]] on

                ```lumen
                cell one() -> Int
                  return 1
                end
                ```
                """, "Change to `@cache`", """
                @cache on

                ```lumen
                cell one() -> Int
                  return 1
                end
                ```
                """);
        assertFix("""
                @trace [[of]]
                """, "Change to `off`", """
                @trace off
                """);
    }

    @Test
    void anUnknownFieldIsRenamedToTheOneMeant() {
        assertFix("""
                ```lumen
                record Box
                  width: Int
                end

                cell w(b: Box) -> Int
                  return b.[[widht]]
                end
                ```
                """, "Change to `width`", """
                ```lumen
                record Box
                  width: Int
                end

                cell w(b: Box) -> Int
                  return b.width
                end
                ```
                """);
    }

    @Test
    void anUnknownVariantIsRenamedToTheOneMeant() {
        assertFix("""
                ```lumen
                enum Colour
                  Red
                  Green
                end

                cell pick() -> Colour
                  return Colour.[[Gren]]
                end
                ```
                """, "Change to `Green`", """
                ```lumen
                enum Colour
                  Red
                  Green
                end

                cell pick() -> Colour
                  return Colour.Green
                end
                ```
                """);
    }

    @Test
    void anUnknownToolAliasIsRenamedToTheOneMeant() {
        assertFix("""
                ```lumen
                use tool llm.chat as Chat
                grant [[Chta]] model "claude-sonnet-4-20250514"
                ```
                """, "Change to `Chat`", """
                ```lumen
                use tool llm.chat as Chat
                grant Chat model "claude-sonnet-4-20250514"
                ```
                """);
    }

    @Test
    void aPlainValueWhereAResultIsExpectedIsWrappedInOk() {
        assertFix("""
                ```lumen
                cell half(n: Int) -> result[Int, String]
                  return [[n / 2]]
                end
                ```
                """, "Wrap in `ok(…)`", """
                ```lumen
                cell half(n: Int) -> result[Int, String]
                  return ok(n / 2)
                end
                ```
                """);
    }

    @Test
    void theBlueprintsReturnOfAnExpectedSchemaIsWrappedInOkInOneStep() {
        // `expect schema` gives a plain Invoice; the cell promises a result (lumen-v1 §7.2)
        String fixed = """
                ```lumen
                record Invoice
                  id: String
                end

                cell extract(text: String) -> result[Invoice, ValidationError]
                  let response = text expect schema Invoice
                  return ok(response)
                end
                ```
                """;
        assertFix("""
                ```lumen
                record Invoice
                  id: String
                end

                cell extract(text: String) -> result[Invoice, ValidationError]
                  let response = text expect schema Invoice
                  return [[response]]
                end
                ```
                """, "Wrap in `ok(…)`", fixed);
        session.open(URI, fixed);
        assertEquals(List.of(), actions(new Range(new Position(7, 10), new Position(7, 12)), List.of()),
                "the fixed document has nothing left to fix");
    }

    @Test
    void anIntWhereAFloatIsExpectedIsConverted() {
        assertFix("""
                ```lumen
                cell widen(n: Int) -> Float
                  return [[n]]
                end
                ```
                """, "Wrap in `to_float(…)`", """
                ```lumen
                cell widen(n: Int) -> Float
                  return to_float(n)
                end
                ```
                """);
    }

    @Test
    void anIntLiteralWhereAFloatIsExpectedGetsAFraction() {
        assertFix("""
                ```lumen
                cell one() -> Float
                  return [[1]]
                end
                ```
                """, "Change to `1.0`", """
                ```lumen
                cell one() -> Float
                  return 1.0
                end
                ```
                """);
    }

    @Test
    void aFloatWhereAnIntIsExpectedIsConverted() {
        assertFix("""
                ```lumen
                cell narrow(x: Float) -> Int
                  return [[x]]
                end
                ```
                """, "Wrap in `to_int(…)`", """
                ```lumen
                cell narrow(x: Float) -> Int
                  return to_int(x)
                end
                ```
                """);
    }

    @Test
    void theActionNamesItsDiagnosticAndIsPreferred() {
        Marked doc = Marked.of("""
                ```lumen
                cell area(width: Int, height: Int) -> Int
                  return width * hei|gth
                end
                ```
                """);
        Diagnostic published = session.open(URI, doc.text()).getDiagnostics().getFirst();
        CodeAction action = actions(new Range(doc.cursor(), doc.cursor()), List.of(published)).getFirst();
        assertEquals(CodeActionKind.QuickFix, action.getKind());
        assertTrue(action.getIsPreferred());
        assertEquals(List.of(published), action.getDiagnostics());
        assertEquals("E0013", action.getDiagnostics().getFirst().getCode().getLeft());
    }

    @Test
    void noActionAwayFromTheDiagnosticOrForAHelpWithoutAnExactFix() {
        Marked away = Marked.of("""
                ```lumen
                cell [[area]](width: Int, height: Int) -> Int
                  return width * heigth
                end
                ```
                """);
        session.open(URI, away.text());
        assertEquals(List.of(), actions(away.range(0), List.of()));
        Marked noFix = Marked.of("""
                ```lumen
                cell f() -> Int
                  return [[nothing_like_it]]
                end
                ```
                """);
        session.open(URI, noFix.text());
        assertEquals(List.of(), actions(noFix.range(0), List.of()));
        Range pastTheEnd = new Range(new org.eclipse.lsp4j.Position(9999, 0), new org.eclipse.lsp4j.Position(9999, 9));
        assertEquals(List.of(), actions(pastTheEnd, List.of()));
        assertEquals(List.of(), session.errorResponses());
    }

    private static void assertFix(String marked, String title, String expected) {
        Marked doc = Marked.of(marked);
        session.open(URI, doc.text());
        List<CodeAction> actions = actions(doc.range(0), List.of());
        CodeAction action = actions.stream().filter(a -> a.getTitle().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no action " + title + " in " + actions));
        assertEquals(CodeActionKind.QuickFix, action.getKind());
        assertEquals(1, action.getEdit().getChanges().size());
        assertEquals(expected, TextEdits.apply(doc.text(), action.getEdit().getChanges().get(URI)));
    }

    private static List<CodeAction> actions(Range range, List<Diagnostic> diagnostics) {
        return LspSession.await(session.server().getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(URI), range, new CodeActionContext(diagnostics))))
                .stream().map(Either::getRight).toList();
    }
}
