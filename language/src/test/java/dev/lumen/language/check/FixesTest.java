package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixes beside the helps: the exact edit an editor applies, at the snippet's Markdown lines (the snippet's
 * line n is Markdown line n + 1). The help text itself is what it was.
 */
class FixesTest {

    @Test
    void aDidYouMeanReplacesTheMisspeltName() {
        Diagnostic d = Checked.of("""
                cell area(width: Int, height: Int) -> Int
                  return width * heigth
                end""").only(Code.E0013);
        assertEquals(List.of("did you mean `height`?"), d.helps());
        assertEquals(List.of(Fix.replace("Change to `height`", new Span(3, 18, 3, 24), "height")), d.fixes());
    }

    @Test
    void anOkWrapSurroundsTheValueAsWritten() {
        Diagnostic d = Checked.of("""
                cell half(n: Int) -> result[Int, String]
                  return n  /  2
                end""").only(Code.E0012);
        assertEquals(List.of("wrap it: `ok(n / 2)`"), d.helps());
        assertEquals(List.of(new Fix("Wrap in `ok(…)`", List.of(
                new Fix.Edit(new Span(3, 10, 3, 10), "ok("), new Fix.Edit(new Span(3, 17, 3, 17), ")")))), d.fixes());
    }

    @Test
    void anIntLiteralBecomesAFloatLiteral() {
        Diagnostic d = Checked.of("""
                cell one() -> Float
                  return 1
                end""").only(Code.E0012);
        assertEquals(List.of(Fix.replace("Change to `1.0`", new Span(3, 10, 3, 11), "1.0")), d.fixes());
    }

    @Test
    void aHelpWithoutAnExactReplacementHasNoFix() {
        Diagnostic d = Checked.of("""
                cell f() -> Int
                  return nothing_like_it
                end""").only(Code.E0013);
        assertEquals(List.of(), d.fixes());
    }

    @Test
    void aStringOperandOfArithmeticIsParsed() {
        Diagnostic d = Checked.of("""
                cell total(count: String) -> Int
                  return count * 2
                end""").only(Code.E0021);
        assertEquals(List.of(new Fix("Wrap in `to_int(…)`", List.of(
                new Fix.Edit(new Span(3, 10, 3, 10), "to_int("), new Fix.Edit(new Span(3, 15, 3, 15), ")")))), d.fixes());
    }
}
