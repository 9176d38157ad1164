package dev.lumen.language.ide;

/**
 * One completion candidate: what to show ({@code label}), what it is, a short {@code detail} (a type or a
 * signature, may be null) and the text to insert (the label unless it differs, as in `name: ` for an argument).
 */
public record CompletionItem(String label, Kind kind, String detail, String insertText) {

    public enum Kind {
        VARIABLE, PARAMETER, FIELD, VARIANT, CELL, RECORD, ENUM, TOOL_ALIAS, MCP_TOOL, ARGUMENT, FUNCTION, TYPE,
        KEYWORD, DIRECTIVE, GRANT_CLAUSE
    }

    static CompletionItem of(String label, Kind kind, String detail) {
        return new CompletionItem(label, kind, detail, label);
    }
}
