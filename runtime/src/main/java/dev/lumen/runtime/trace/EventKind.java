package dev.lumen.runtime.trace;

/** The kinds of trace events (spec trace-v1.md §4), with their names in the trace. */
public enum EventKind {
    /** The run begins: the document's hash, the entry cell and its arguments. */
    RUN_START("run_start"),
    /** A cell that performs effects (itself or through the cells it calls) begins, with its arguments. */
    CELL_START("cell_start"),
    /** Such a cell returns, with its result. */
    CELL_END("cell_end"),
    /** A tool was called: its identity, grant, arguments and output (or failure). */
    TOOL_CALL("tool_call"),
    /** A value was validated against a schema, with the outcome. */
    SCHEMA_VALIDATE("schema_validate"),
    /** A runtime error stopped the program. */
    ERROR("error"),
    /** The run ends: its result or its error. */
    RUN_END("run_end");

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the trace, e.g. {@code tool_call}. */
    public String wireName() {
        return wireName;
    }

    /** The kind named {@code name} in a trace, or null if there is none. */
    public static EventKind fromWireName(String name) {
        for (EventKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
