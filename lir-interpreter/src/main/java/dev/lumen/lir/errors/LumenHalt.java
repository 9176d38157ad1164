package dev.lumen.lir.errors;

import com.oracle.truffle.api.nodes.Node;

/** {@code halt(message)} (§8.9): ends the whole program with an error whose message is the halt's argument. */
public final class LumenHalt extends LumenException {
    private static final long serialVersionUID = 1L;

    public LumenHalt(String message, Node node, LumenLocation location) {
        super(Kind.HALT, message, node, location);
    }

    /** A halt with a ValidationError: {@code fieldErrors} are its field errors (a Lumen list). */
    public LumenHalt(String message, Node node, LumenLocation location, Object fieldErrors) {
        super(Kind.HALT, message, node, location, fieldErrors);
    }
}
