package dev.lumen.language.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of one document across all phases, so one run reports every error. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void add(Diagnostic.Builder builder) {
        items.add(builder.build());
    }

    public boolean hasErrors() {
        for (Diagnostic d : items) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public int errorCount() {
        return (int) items.stream().filter(Diagnostic::isError).count();
    }

    /** Every diagnostic in the order it was reported. */
    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    /** In document order, then by code, so output is stable whatever order the phases found them in. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(items);
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line())
                .thenComparingInt(d -> d.span().column())
                .thenComparing(d -> d.code().id()));
        return out;
    }
}
