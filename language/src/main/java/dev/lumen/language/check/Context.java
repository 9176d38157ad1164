package dev.lumen.language.check;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.project.Project;

/** What every checking phase shares: the diagnostics sink, the symbols and the result being built. */
final class Context {
    final Diagnostics diagnostics;
    final Symbols symbols;
    final CheckedProgram out;
    final TypeResolver types;
    final ToolCatalog tools;
    /** The document's tools and lock file. */
    final Project project;
    /** Whether the document says {@code @lock strict}. */
    final boolean strictLock;
    /** Keys of problems reported once per document (e.g. a missing grant), however often they occur. */
    final java.util.Set<String> reportedOnce = new java.util.HashSet<>();

    Context(Diagnostics diagnostics, Symbols symbols, CheckedProgram out, Project project, boolean strictLock) {
        this.project = project;
        this.strictLock = strictLock;
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
