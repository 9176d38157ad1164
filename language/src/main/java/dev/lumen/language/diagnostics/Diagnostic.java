package dev.lumen.language.diagnostics;

import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One problem found in a document. The same model is rendered for the terminal, as JSON and by the
 * language server. {@code label} is the text printed under the primary span's carets; {@code fixes} are the
 * helps an editor can apply (each help that has one exact replacement), which no renderer prints.
 */
public record Diagnostic(
        Severity severity,
        Code code,
        String message,
        Span span,
        String label,
        List<Label> secondary,
        List<String> notes,
        List<String> helps,
        List<Fix> fixes) {

    public Diagnostic {
        secondary = List.copyOf(secondary);
        notes = List.copyOf(notes);
        helps = List.copyOf(helps);
        fixes = List.copyOf(fixes);
    }

    public static Builder error(Code code, Span span, String message) {
        return new Builder(Severity.ERROR, code, span, message);
    }

    public static Builder warning(Code code, Span span, String message) {
        return new Builder(Severity.WARNING, code, span, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Fluent construction, so call sites read like the rendered diagnostic. */
    public static final class Builder {
        private final Severity severity;
        private final Code code;
        private final Span span;
        private final String message;
        private String label = "";
        private final List<Label> secondary = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> helps = new ArrayList<>();
        private final List<Fix> fixes = new ArrayList<>();

        private Builder(Severity severity, Code code, Span span, String message) {
            this.severity = severity;
            this.code = code;
            this.span = span;
            this.message = message;
        }

        public Builder label(String text) {
            this.label = text;
            return this;
        }

        public Builder secondary(Span at, String text) {
            secondary.add(new Label(at, text));
            return this;
        }

        public Builder note(String text) {
            notes.add(text);
            return this;
        }

        public Builder help(String text) {
            helps.add(text);
            return this;
        }

        /** A help that an editor can apply as {@code fix}. */
        public Builder help(String text, Fix fix) {
            helps.add(text);
            fixes.add(fix);
            return this;
        }

        /** The primary span. */
        public Span span() {
            return span;
        }

        public Diagnostic build() {
            return new Diagnostic(severity, code, message, span, label, secondary, notes, helps, fixes);
        }
    }
}
