package dev.lumen.language.semantic;

/** What a named thing of a document is. The last four are defined outside the document: they have no definition. */
public enum SymbolKind {
    CELL("cell"),
    RECORD("record"),
    FIELD("field"),
    ENUM("enum"),
    VARIANT("variant"),
    TOOL_ALIAS("tool alias"),
    PARAMETER("parameter"),
    LET("variable"),
    LOOP_VARIABLE("loop variable"),
    PATTERN_BINDING("match binding"),
    BUILTIN_TYPE("built-in type"),
    BUILTIN_FUNCTION("built-in function"),
    MCP_TOOL("MCP tool"),
    TOOL_INPUT("tool input");

    private final String noun;

    SymbolKind(String noun) {
        this.noun = noun;
    }

    /** How the kind reads in a sentence: "cell", "loop variable", "built-in function". */
    public String noun() {
        return noun;
    }

    /** Whether the name is declared inside a cell (parameters included) and seen only there. */
    public boolean isLocal() {
        return this == PARAMETER || this == LET || this == LOOP_VARIABLE || this == PATTERN_BINDING;
    }

    /** Whether the document's top level declares it: cells, records, enums and tool aliases share one namespace. */
    public boolean isTopLevel() {
        return this == CELL || this == RECORD || this == ENUM || this == TOOL_ALIAS;
    }
}
