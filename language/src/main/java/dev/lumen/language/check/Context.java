package dev.lumen.language.check;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;

/** What every checking phase shares: the diagnostics sink, the symbols and the result being built. */
final class Context {
    final Diagnostics diagnostics;
    final Symbols symbols;
    final CheckedProgram out;
    final TypeResolver types;
    final ToolCatalog tools;
    final DocumentTools environment;
    /** Keys of problems reported once per document (e.g. a missing grant), however often they occur. */
    final java.util.Set<String> reportedOnce = new java.util.HashSet<>();

    Context(Diagnostics diagnostics, Symbols symbols, CheckedProgram out, DocumentTools environment) {
        this.environment = environment;
        this.diagnostics = diagnostics;
        this.symbols = symbols;
        this.out = out;
        this.types = new TypeResolver(this);
        this.tools = new ToolCatalog(this);
    }

    void report(Diagnostic.Builder d) {
        diagnostics.add(d);
    }
}
