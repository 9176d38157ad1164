package dev.lumen.language.syntax;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed document and what syntax-error recovery cost it: the declarations that had a syntax error
 * (their statements or fields may be missing) and the names of declarations and fields it dropped. The checker
 * still runs, so independent type errors are reported with the syntax errors; {@link #hides} drops its
 * diagnostics that are only echoes of the recovery.
 */
public record ParsedDocument(Program program, List<Span> damaged, Set<String> lostNames) {

    /** The document whose blocks parsed to {@code blocks}, in document order. */
    public static ParsedDocument of(List<ParsedBlock> blocks) {
        List<Decl> decls = new ArrayList<>();
        List<Span> damaged = new ArrayList<>();
        Set<String> lost = new HashSet<>();
        for (ParsedBlock b : blocks) {
            decls.addAll(b.decls());
            damaged.addAll(b.damaged());
            lost.addAll(b.lostNames());
        }
        return new ParsedDocument(new Program(List.copyOf(decls)), List.copyOf(damaged), Set.copyOf(lost));
    }

    public boolean hides(Diagnostic diagnostic, SourceFile file) {
        Span s = diagnostic.span();
        for (Span d : damaged) {
            if (contains(d, s)) {
                return true;
            }
        }
        boolean unknownName = diagnostic.code() == Code.E0013 || diagnostic.code() == Code.E0014
                || diagnostic.code() == Code.E0015 || diagnostic.code() == Code.E0019 || diagnostic.code() == Code.E0042;
        return unknownName && s.line() == s.endLine() && s.line() >= 1
                && lostNames.contains(textAt(file, s));
    }

    private static boolean contains(Span outer, Span inner) {
        boolean startsAfter = inner.line() > outer.line()
                || (inner.line() == outer.line() && inner.column() >= outer.column());
        boolean endsBefore = inner.endLine() < outer.endLine()
                || (inner.endLine() == outer.endLine() && inner.endColumn() <= outer.endColumn());
        return startsAfter && endsBefore;
    }

    private static String textAt(SourceFile file, Span s) {
        String line = file.line(s.line());
        int from = Math.min(line.length(), s.column() - 1);
        int to = Math.min(line.length(), Math.max(from, s.endColumn() - 1));
        return line.substring(from, to);
    }
}
