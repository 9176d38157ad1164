package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signature help: the call around the cursor, its parameters and the one the cursor is at. */
class SignatureHelpTest {

    private static Optional<SignatureHelp> help(String code) {
        Marked m = Marked.wrap(code);
        return m.analysis().signatureHelp(m.cursor());
    }

    @Test
    void cellByPositionAndByName() {
        String cell = """
                cell scale(factor: Int, by: Float) -> Float
                  return to_float(factor) * by
                end

                """;
        SignatureHelp h = help(cell + """
                cell run() -> Float
                  return scale(2, |
                end
                """).orElseThrow();
        assertEquals("scale(factor: Int, by: Float) -> Float", h.label());
        assertEquals(List.of("factor: Int", "by: Float"), h.parameters());
        assertEquals(1, h.activeParameter());
        assertEquals(0, help(cell + """
                cell run() -> Float
                  return scale(by: 1.0, factor: |
                end
                """).orElseThrow().activeParameter());
    }

    @Test
    void builtinAndNestedCalls() {
        SignatureHelp h = help("""
                cell run(words: list[String]) -> String
                  return join(words, trim(|
                end
                """).orElseThrow();
        assertEquals("trim(text: String) -> String", h.label());
        assertEquals(0, h.activeParameter());
        SignatureHelp outer = help("""
                cell run(words: list[String]) -> String
                  return join(words, trim(" x "), |
                end
                """).orElseThrow();
        assertEquals(List.of("parts: list[String]", "separator: String"), outer.parameters());
        assertEquals(-1, outer.activeParameter());
    }

    @Test
    void nativeTool() {
        SignatureHelp h = help("""
                use tool json.parse as Parse
                grant Parse

                cell run(t: String) -> Json
                  return Parse(text: |
                end
                """).orElseThrow();
        assertEquals("Parse(text: String) -> Json", h.label());
        assertEquals(0, h.activeParameter());
    }

    @Test
    void noneOutsideACallOrInACellHeader() {
        assertEquals(Optional.empty(), help("""
                cell run(a: Int) -> Int
                  return a + |
                end
                """));
        assertEquals(Optional.empty(), help("""
                cell run(a: |
                """));
    }
}
