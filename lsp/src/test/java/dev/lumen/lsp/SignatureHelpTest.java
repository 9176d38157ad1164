package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Signature help inside a call: the callee's signature, its parameters, the one the cursor is at. */
class SignatureHelpTest extends SharedSessionTest {
    private static final String URI = "file:///tmp/signature.lm.md";
    private static SignatureHelp help(String code) {
        Marked doc = session.openCode(URI, code);
        return LspSession.await(session.text().signatureHelp(new SignatureHelpParams(new TextDocumentIdentifier(URI),
                doc.cursor())));
    }

    @Test
    void aCellsSignatureAtItsSecondArgument() {
        SignatureHelp help = help("""
                cell scale(factor: Int, by: Float) -> Float
                  return to_float(factor) * by
                end

                cell run() -> Float
                  return scale(2, |
                end
                """);
        var signature = help.getSignatures().getFirst();
        assertEquals("scale(factor: Int, by: Float) -> Float", signature.getLabel());
        assertEquals(List.of("factor: Int", "by: Float"),
                signature.getParameters().stream().map(p -> p.getLabel().getLeft()).toList());
        assertEquals(1, help.getActiveParameter());
    }

    @Test
    void anIntrinsicWithItsDoc() {
        SignatureHelp help = help("""
                cell run(text: String) -> String
                  return trim(|text)
                end
                """);
        var signature = help.getSignatures().getFirst();
        assertEquals("trim(text: String) -> String", signature.getLabel());
        assertEquals(0, help.getActiveParameter());
        assertTrue(signature.getDocumentation().getRight().getValue().contains("white space"),
                signature.getDocumentation().toString());
        assertEquals(List.of(new ParameterInformation("text: String")), signature.getParameters());
    }

    @Test
    void noneOutsideACall() {
        assertNull(help("""
                cell run() -> Int
                  return |1
                end
                """));
    }
}
