package dev.lumen.language.syntax;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import java.util.List;
import java.util.Set;

/**
 * One fenced block, lexed and parsed on its own: its declarations, the declarations recovery damaged, the
 * names of those it dropped, and its syntax diagnostics in the order they were reported.
 */
public record ParsedBlock(List<Decl> decls, List<Span> damaged, Set<String> lostNames, List<Diagnostic> diagnostics) {

    public ParsedBlock {
        decls = List.copyOf(decls);
        damaged = List.copyOf(damaged);
        lostNames = Set.copyOf(lostNames);
        diagnostics = List.copyOf(diagnostics);
    }
}
