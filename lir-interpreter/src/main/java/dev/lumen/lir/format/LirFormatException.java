package dev.lumen.lir.format;

import java.util.List;

/**
 * A malformed LIR module: a reader error (with the JSON path of the offending value, e.g.
 * {@code cells[2].code[14].op: unknown opcode "LODK"}) or the verifier's problems, one per line.
 */
public final class LirFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public LirFormatException(String problem) {
        super(problem);
        this.problems = List.of(problem);
    }

    /** An exception listing several problems; the message joins them with newlines. */
    public LirFormatException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order found; a reader error has exactly one. */
    public List<String> problems() {
        return problems;
    }
}
