package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Lumen snippet parsed and checked as a one-block document. The snippet's first line sits on Markdown
 * line 2 (the fence is line 1) at column 1, so `line(n)` below means line n of the snippet, 1-based.
 */
record Checked(Program program, CheckedProgram checked, List<Diagnostic> diagnostics) {

    static Checked of(String code) {
        return of(code, true);
    }

    /** Parses and checks; with {@code requireParse} false, checks whatever the parser recovered. */
    static Checked of(String code, boolean requireParse) {
        Diagnostics diagnostics = new Diagnostics();
        List<CodeLine> lines = new ArrayList<>();
        String[] split = code.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            lines.add(new CodeLine(split[i], i + 2, 0));
        }
        CodeBlock block = new CodeBlock(lines, Span.of(1, 1, 9));
        LumenDocument doc = new LumenDocument(new SourceFile("t.lm.md", code), List.of(), List.of(block));
        Program program = Parser.parse(doc, diagnostics);
        List<Diagnostic> parseErrors = diagnostics.sorted();
        if (requireParse && !parseErrors.isEmpty()) {
            fail("snippet does not parse:\n" + render(parseErrors));
        }
        CheckedProgram checked = Checker.check(program, diagnostics);
        return new Checked(program, checked, diagnostics.sorted());
    }

    /** Checks that the snippet has no diagnostics at all. */
    static Checked clean(String code) {
        Checked c = of(code);
        if (!c.diagnostics.isEmpty()) {
            fail("unexpected diagnostics:\n" + render(c.diagnostics));
        }
        return c;
    }

    /** The only diagnostic, which must have this code. */
    Diagnostic only(Code code) {
        if (diagnostics.size() != 1 || diagnostics.get(0).code() != code) {
            fail("expected exactly one " + code + ", got:\n" + render(diagnostics));
        }
        return diagnostics.get(0);
    }

    List<Diagnostic> all(Code code) {
        return diagnostics.stream().filter(d -> d.code() == code).toList();
    }

    static String render(List<Diagnostic> ds) {
        return ds.stream().map(Checked::render).collect(Collectors.joining("\n"));
    }

    static String render(Diagnostic d) {
        StringBuilder b = new StringBuilder();
        b.append(d.severity().label()).append('[').append(d.code().id()).append("]: ").append(d.message())
                .append(" @").append(d.span().line() - 1).append(':').append(d.span().column())
                .append(" label=").append(d.label());
        d.secondary().forEach(l -> b.append("\n    secondary @").append(l.span().line() - 1).append(':')
                .append(l.span().column()).append(' ').append(l.message()));
        d.notes().forEach(n -> b.append("\n    note: ").append(n));
        d.helps().forEach(h -> b.append("\n    help: ").append(h));
        return b.toString();
    }

    /** Asserts the primary span starts at snippet line {@code line}, column {@code column} (both 1-based). */
    static void at(Diagnostic d, int line, int column) {
        assertEquals(line + ":" + column, (d.span().line() - 1) + ":" + d.span().column(), () -> render(d));
    }

    static void at(Diagnostic d, int line, int column, int endColumn) {
        assertEquals(line + ":" + column + "-" + endColumn,
                (d.span().line() - 1) + ":" + d.span().column() + "-" + d.span().endColumn(), () -> render(d));
    }

    static void help(Diagnostic d, String help) {
        assertTrue(d.helps().contains(help), () -> "no help `" + help + "` in\n" + render(d));
    }

    static void note(Diagnostic d, String fragment) {
        assertTrue(d.notes().stream().anyMatch(n -> n.contains(fragment)), () -> "no note with `" + fragment + "` in\n"
                + render(d));
    }

    static void secondary(Diagnostic d, int line, String message) {
        assertTrue(d.secondary().stream().anyMatch(l -> l.span().line() - 1 == line && l.message().equals(message)),
                () -> "no secondary label `" + message + "` on line " + line + " in\n" + render(d));
    }
}
