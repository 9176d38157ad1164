package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Hover, in Markdown, over the range {@code [[…]]} marks: types, signatures, intrinsics' docs, tools' manifests. */
class HoverTest extends SharedSessionTest {
    private static final String URI = "file:///tmp/hover.lm.md";
    private static String hover(String code) {
        Marked doc = session.openCode(URI, code);
        Hover hover = LspSession.await(session.text().hover(new HoverParams(new TextDocumentIdentifier(URI),
                doc.cursor())));
        assertEquals(MarkupKind.MARKDOWN, hover.getContents().getRight().getKind());
        assertEquals(doc.range(0), hover.getRange());
        return hover.getContents().getRight().getValue();
    }

    @Test
    void theTypeOfAnExpression() {
        assertEquals("```lumen\nBool\n```", hover("""
                cell run(a: Int, b: Int) -> Bool
                  return [[a * 2 >| b]]
                end
                """));
    }

    @Test
    void aCellsSignature() {
        assertEquals("```lumen\ncell scale(factor: Int, by: Float) -> Float\n```", hover("""
                cell scale(factor: Int, by: Float) -> Float
                  return to_float(factor) * by
                end

                cell run() -> Float
                  return [[sc|ale]](2, 1.5)
                end
                """));
    }

    @Test
    void anIntrinsicsSignatureAndDoc() {
        String markdown = hover("""
                cell run(text: String) -> String
                  return [[tr|im]](text)
                end
                """);
        assertTrue(markdown.startsWith("```lumen\ntrim(text: String) -> String\n```\n\n"), markdown);
        assertTrue(markdown.contains("without leading and trailing white space"), markdown);
    }

    @Test
    void aToolsManifestSummaryAndTheLimitsItsGrantSets() {
        String markdown = hover("""
                use tool http.get as [[Fe|tch]]
                grant Fetch domain "api.example.com" timeout_ms 5000

                cell run() -> Int
                  let r = Fetch(url: "https://api.example.com/x")
                  return r.status
                end
                """);
        assertTrue(markdown.contains("`http.get` 1.0.0 — Fetch a URL via HTTP GET"), markdown);
        assertTrue(markdown.contains("Granted: `domain \"api.example.com\"`, `timeout_ms 5000`"), markdown);
    }

    @Test
    void nothingOverAKeyword() {
        Marked doc = session.openCode(URI, """
                ce|ll run() -> Int
                  return 1
                end
                """);
        assertNull(LspSession.await(session.text().hover(new HoverParams(new TextDocumentIdentifier(URI),
                doc.cursor()))));
    }
}
