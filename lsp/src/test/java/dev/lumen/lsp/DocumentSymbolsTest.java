package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lsp.protocol.Ranges;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.junit.jupiter.api.Test;

/** The outline: Markdown headings, and under each the cells, records, enums and tools it holds. */
class DocumentSymbolsTest {

    @Test
    void declarationsNestUnderTheHeadingsTheySitIn() {
        Marked doc = Marked.of("""
                @lumen 1

                # Invoices

                ```lumen
                use tool json.parse as [[Parse]]
                grant Parse
                ```

                ## Model

                ```lumen
                enum [[Status]]
                  Paid
                  Open
                end

                record [[Invoice]]
                  id: String
                  total: Float
                  note: String \\| Null
                end
                ```

                ## Cells

                ```lumen
                cell [[total]](inv: Invoice, rate: Float) -> Float
                  return inv.total * rate
                end
                ```

                # Appendix

                Nothing to see.
                """);
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/outline.lm.md";
            session.open(uri, doc.text());
            List<DocumentSymbol> symbols = session.symbols(uri);
            assertEquals("""
                    Invoices [String]
                      Parse [Module] json.parse
                      Model [String]
                        Status [Enum] enum
                          Paid [EnumMember]
                          Open [EnumMember]
                        Invoice [Struct] record
                          id [Field] String
                          total [Field] Float
                          note [Field] String | Null
                      Cells [String]
                        total [Function] (inv: Invoice, rate: Float) -> Float
                    Appendix [String]
                    """, outline(symbols, ""));
            DocumentSymbol invoices = symbols.getFirst();
            assertEquals(2, invoices.getRange().getStart().getLine());
            assertEquals(31, invoices.getRange().getEnd().getLine(), "a section ends before the next heading of its level");
            DocumentSymbol parse = invoices.getChildren().getFirst();
            assertEquals(doc.range(0), parse.getSelectionRange());
            DocumentSymbol total = invoices.getChildren().get(2).getChildren().getFirst();
            assertEquals(doc.range(3), total.getSelectionRange());
            assertEquals(27, total.getRange().getStart().getLine());
            assertEquals(29, total.getRange().getEnd().getLine());
            assertEquals(doc.range(1), invoices.getChildren().get(1).getChildren().getFirst().getSelectionRange());
            assertEquals(doc.range(2), invoices.getChildren().get(1).getChildren().get(1).getSelectionRange());
            assertEveryChildInItsParent(symbols);
        }
    }

    @Test
    void aDocumentWithoutHeadingsListsItsDeclarations() {
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/flat.lm.md";
            session.open(uri, """
                    ```lumen
                    use tool mcp "stdio:server" as M
                    cell run() -> Int
                      return 1
                    end
                    ```
                    """);
            assertEquals("""
                    M [Module] mcp "stdio:server"
                    run [Function] () -> Int
                    """, outline(session.symbols(uri), ""));
        }
    }

    @Test
    void headingsInsideCodeOrWithMarkupAreReadAsMarkdownReadsThem() {
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/headings.lm.md";
            session.open(uri, """
                    Setext title
                    ============

                    ```text
                    # not a heading
                    ```

                    > ## Quoted `code` **heading** ##
                    """);
            assertEquals("""
                    Setext title [String]
                      Quoted `code` **heading** [String]
                    """, outline(session.symbols(uri), ""));
        }
    }

    @Test
    void aDocumentThatDoesNotParseStillHasAnOutline() {
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/broken.lm.md";
            session.open(uri, "# Title\n\n```lumen\ncell ok() -> Int\n  return 1\nend\n\ncell broken( -> \n```\n");
            String outline = outline(session.symbols(uri), "");
            assertTrue(outline.startsWith("Title [String]\n  ok [Function] () -> Int\n"), outline);
        }
    }

    static String outline(List<DocumentSymbol> symbols, String indent) {
        StringBuilder out = new StringBuilder();
        for (DocumentSymbol s : symbols) {
            out.append(indent).append(s.getName()).append(" [").append(s.getKind()).append(']');
            if (s.getDetail() != null) {
                out.append(' ').append(s.getDetail());
            }
            out.append('\n');
            if (s.getChildren() != null) {
                out.append(outline(s.getChildren(), indent + "  "));
            }
        }
        return out.toString();
    }

    /** LSP requires a symbol's selection range inside its range, and a child's range inside its parent's. */
    static void assertEveryChildInItsParent(List<DocumentSymbol> symbols) {
        for (DocumentSymbol s : symbols) {
            assertTrue(Ranges.contains(s.getRange(), s.getSelectionRange()), s.toString());
            if (s.getChildren() != null) {
                for (DocumentSymbol c : s.getChildren()) {
                    assertTrue(Ranges.contains(s.getRange(), c.getRange()), c.getName() + " in " + s.getName());
                }
                assertEveryChildInItsParent(s.getChildren());
            }
        }
    }
}
