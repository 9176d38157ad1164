package dev.lumen.lir.errors;

import com.oracle.truffle.api.nodes.Node;

/**
 * A runtime error (§7.9, §7.10, intrinsics): division by zero, Int overflow, an index out of range, a
 * missing map key, a failed conversion. Also an effect this build cannot perform
 * ({@link Kind#UNAVAILABLE}).
 */
public final class LumenRuntimeError extends LumenException {
    private static final long serialVersionUID = 1L;

    public LumenRuntimeError(Kind kind, String message, Node node, LumenLocation location) {
        super(kind, message, node, location);
    }

    public LumenRuntimeError(String message, Node node, LumenLocation location) {
        this(Kind.RUNTIME, message, node, location);
    }

    /** {@code failure}, raised where the program is: its kind, message and field errors. */
    public LumenRuntimeError(LumenFailure failure, Node node, LumenLocation location) {
        super(failure.kind(), failure.getMessage(), node, location, failure.fieldErrors());
    }
}
