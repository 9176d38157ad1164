package dev.lumen.language.diagnostics;

/**
 * Every diagnostic code Lumen emits. Codes are stable: a code is never reused for another meaning.
 * docs/spec/diagnostics.md documents each one, and a test keeps the two in step.
 */
public enum Code {
    // Lexical
    E0001("E0001", "unexpected character"),
    E0002("E0002", "unterminated string literal"),
    E0003("E0003", "unknown escape sequence"),
    E0004("E0004", "invalid number literal"),
    E0005("E0005", "unterminated role block"),
    E0006("E0006", "malformed interpolation"),
    // Syntax
    E0007("E0007", "unexpected token"),
    E0008("E0008", "block is missing its `end`"),
    E0009("E0009", "feature not in Lumen v1"),
    // Directives
    E0010("E0010", "unknown directive"),
    E0011("E0011", "invalid or repeated directive"),
    // Types and names
    E0012("E0012", "mismatched types"),
    E0013("E0013", "unknown name"),
    E0014("E0014", "unknown type"),
    E0015("E0015", "unknown field"),
    E0016("E0016", "duplicate definition"),
    E0017("E0017", "wrong number of arguments"),
    E0018("E0018", "bad named argument"),
    E0019("E0019", "not callable"),
    E0020("E0020", "assignment to an immutable binding"),
    E0021("E0021", "operator cannot be applied to these types"),
    E0022("E0022", "non-exhaustive match"),
    E0023("E0023", "pattern does not fit the matched type"),
    E0024("E0024", "cell may finish without returning a value"),
    E0025("E0025", "type cannot be inferred"),
    E0026("E0026", "invalid `where` constraint"),
    E0027("E0027", "recursive record without indirection"),
    E0028("E0028", "ambiguous union"),
    E0029("E0029", "value is not indexable or has no fields"),
    E0030("E0030", "record literal fields do not match the record"),
    E0031("E0031", "expression statement has no effect"),
    E0032("E0032", "invalid regular expression"),
    E0033("E0033", "`expect schema` or `validate` on a value that is not JSON"),
    // Lowering to LIR
    E0034("E0034", "cell needs more than 256 registers"),
    E0035("E0035", "cell too large to encode in LIR"),
    // Tools and grants
    E0040("E0040", "unknown tool"),
    E0041("E0041", "tool called without a grant"),
    E0042("E0042", "grant names an unknown alias or tool"),
    E0043("E0043", "grant clause the tool does not support"),
    E0044("E0044", "grant clause value of the wrong type"),
    E0045("E0045", "grant clause repeated"),
    E0046("E0046", "tool used other than by calling it"),
    E0047("E0047", "tool manifest cannot be used"),
    E0048("E0048", "tool or MCP server does not match the lock file"),
    E0049("E0049", "MCP server cannot be reached"),
    E0050("E0050", "grant value that can never match"),
    // Limits
    E0051("E0051", "code nested too deeply"),
    // Tools an embedding program offers
    E0052("E0052", "host tool has the id of another tool"),
    // Authorization of MCP servers
    E0053("E0053", "server grant clauses that do not fit together"),
    E0054("E0054", "sampling names no granted llm.chat import"),
    // Tests
    E0055("E0055", "test without assert"),
    E0056("E0056", "test statement outside a test"),
    E0057("E0057", "fixture output is not a constant"),
    E0058("E0058", "fixture for a tool the document does not use"),
    E0059("E0059", "expect_error that cannot be checked"),
    // Repair loops
    E0060("E0060", "repair loop on something other than a model call"),
    // Concurrency
    E0061("E0061", "`@parallel` calls that are not independent"),
    // repair(schema T, value, errors, via Chat)
    E0062("E0062", "`repair` that is not `repair(schema T, value, errors, via Chat)`"),
    E0063("E0063", "`repair` via something other than a model"),
    // Warnings
    W0001("W0001", "unreachable code"),
    W0002("W0002", "unused variable"),
    W0003("W0003", "cell hides a built-in function");

    private final String id;
    private final String title;

    Code(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
