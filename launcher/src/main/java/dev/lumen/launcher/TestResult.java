package dev.lumen.launcher;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import java.util.List;

/** What `lumen test` found in one document: its tests' outcomes, or the errors that kept them from running. */
record TestResult(SourceFile file, List<Outcome> outcomes, List<Diagnostic> diagnostics) {

    /** One test: its name, its line, whether it passed, why not, and how long it took. */
    record Outcome(String name, int line, boolean passed, String message, String location, long millis) {
    }

    /** Whether the document could not be checked, so none of its tests ran. */
    boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    long failed() {
        return outcomes.stream().filter(o -> !o.passed()).count();
    }
}
