package dev.lumen.language.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.Compilation;
import dev.lumen.language.DefaultStack;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.NestedCode.Form;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nesting limit (lumen-v1.md §4.7): code nested up to it checks and compiles on a thread with the JVM's
 * default stack, one level more is one E0051 where the limit is crossed, and so are thousands of levels, which
 * used to overflow the stack in the parser or the checker.
 */
class NestingLimitTest {

    static Stream<Form> forms() {
        return NestedCode.FORMS.stream();
    }

    /** Nesting that only runs out of registers when lowered, a limit of its own (E0034). */
    private static final List<String> OUT_OF_REGISTERS = List.of("map literals");

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void atTheLimitTheDocumentChecksAndCompiles(Form form) {
        Compilation c = DefaultStack.run(() -> compile(form.at(Nesting.LIMIT)));
        List<Diagnostic> errors = c.result().diagnostics().stream().filter(Diagnostic::isError).toList();
        if (OUT_OF_REGISTERS.contains(form.name())) {
            assertTrue(errors.stream().allMatch(d -> d.code() == Code.E0034), render(c));
        } else {
            assertEquals(List.of(), errors, render(c));
            assertNotNull(c.module());
        }
    }

    /** The front end runs on a stack of its own, so a caller's small stack (a pool thread's, say) is no limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void atTheLimitFromACallerWithASmallStack(Form form) {
        Compilation c = DefaultStack.run(128 << 10, () -> compile(form.at(Nesting.LIMIT)));
        if (!OUT_OF_REGISTERS.contains(form.name())) {
            assertNotNull(c.module(), render(c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void oneLevelMoreIsOneDiagnostic(Form form) {
        Compilation c = DefaultStack.run(() -> compile(form.at(Nesting.LIMIT + 1)));
        assertOneNestingError(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void farBeyondTheLimitIsOneDiagnostic(Form form) {
        Compilation c = DefaultStack.run(() -> compile(form.at(form.far())));
        assertOneNestingError(c);
    }

    @Test
    void theDiagnosticPointsWhereTheLimitIsCrossed() {
        Compilation parens = compile(NestedCode.FORMS.get(0).at(Nesting.LIMIT + 1));
        Diagnostic d = parens.result().diagnostics().get(0);
        // `  return (((…`: the first `(` is column 10 and opens level 2, so level 257 opens at column 265.
        assertEquals("3:265", d.span().toString());
        assertEquals("code is nested more than 256 levels deep", d.message());
        assertEquals("level 257 starts here", d.label());

        // In `1 + 1 + …` with 255 operators the leftmost operand is 255 levels below the last `+`.
        Compilation chain = compile("cell run() -> Int\n  return 1" + " + 1".repeat(Nesting.LIMIT - 1) + "\nend\n");
        assertEquals("3:10", chain.result().diagnostics().get(0).span().toString());

        // Of 300 field accesses, calls or indexes, the 45th is at level 257: it starts after `x` and 44 others.
        for (String link : new String[] {".a", "()", "[0]"}) {
            Compilation postfix = compile("cell run() -> Int\n  return x" + link.repeat(300) + "\nend\n");
            assertEquals("3:" + (11 + 44 * link.length()), postfix.result().diagnostics().get(0).span().toString(), link);
        }
    }

    @Test
    void aChainOfAHundredThousandOperatorsIsOneDiagnostic() {
        Compilation c = DefaultStack.run(() -> compile("cell run() -> Int\n  return 1" + " * 1".repeat(100_000)
                + "\nend\n"));
        assertOneNestingError(c);
        // The last `*` is level 2; the one at level 257 is 255 operators before it.
        int column = "  return 1".length() + 4 * (100_000 - 255 - 1) + 2;
        assertEquals("3:" + column, c.result().diagnostics().get(0).span().toString());
    }

    @Test
    void typesThatGrowFromLineToLineStopAtTheLimit() {
        StringBuilder code = new StringBuilder("cell run() -> Int\n  let a0 = [1]\n");
        for (int i = 1; i < 300; i++) {
            code.append("  let a").append(i).append(" = [a").append(i - 1).append("]\n");
        }
        Compilation c = DefaultStack.run(() -> compile(code + "  return 1\nend\n"));
        assertOneNestingError(c);
        Diagnostic d = c.result().diagnostics().get(0);
        // a0 is list[Int], two levels; a255 would be 257.
        assertEquals("the type of this expression is nested more than 256 levels deep", d.message());
        assertEquals(258, d.span().line());
    }

    @Test
    void longFlatCodeIsNotNesting() {
        StringBuilder branches = new StringBuilder("cell run(x: Int) -> Int\n  if x == 0\n    return 0\n");
        for (int i = 1; i < 5_000; i++) {
            branches.append("  else if x == ").append(i).append("\n    return ").append(i).append('\n');
        }
        String interpolations = "cell text(a: Int) -> String\n  return \"" + "{a}".repeat(50_000) + "\"\nend\n";
        Compilation c = DefaultStack.run(() -> compile(branches + "  end\n  return -1\nend\n\n" + interpolations));
        assertTrue(c.result().diagnostics().stream().noneMatch(Diagnostic::isError), render(c));
    }

    @Test
    void aLongChainOfRecordsCompiles() {
        StringBuilder code = new StringBuilder();
        int records = 10_000;
        for (int i = 0; i < records; i++) {
            code.append("record R").append(i).append("\n  next: R").append(i + 1).append(" | Null\nend\n");
        }
        code.append("record R").append(records).append("\n  last: Int\nend\n\n")
                .append("cell run() -> Int\n  let r = \"{}\" expect schema R0\n  return 1\nend\n");
        Compilation c = DefaultStack.run(() -> compile(code.toString().replace("let r", "let _r")));
        assertEquals(List.of(), c.result().diagnostics(), render(c));
        assertNotNull(c.module());
    }

    private static void assertOneNestingError(Compilation c) {
        List<Diagnostic> ds = c.result().diagnostics();
        assertEquals(1, ds.size(), render(c));
        assertEquals(Code.E0051, ds.get(0).code());
    }

    private static Compilation compile(String code) {
        return FrontEnd.compile(new SourceFile("t.lm.md", NestedCode.document(code)));
    }

    private static String render(Compilation c) {
        return new HumanRenderer(false).render(c.result().file(), c.result().diagnostics());
    }
}
