package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.errors.LumenLocated;
import dev.lumen.lir.errors.LumenLocation;

/**
 * One CALL instruction: a {@link DirectCallNode} to the callee (so a hot callee is inlined into its caller
 * when compiled) and the call's place in the document, which is where stack traces point for this frame.
 */
final class LumenCallSite extends Node implements LumenLocated {
    @Child private DirectCallNode call;
    final int argCount;
    private final LumenLocation location;

    LumenCallSite(CallTarget target, int argCount, LumenLocation location) {
        this.call = DirectCallNode.create(target);
        this.argCount = argCount;
        this.location = location;
    }

    Object call(Object[] arguments) {
        return call.call(arguments);
    }

    @Override
    public LumenLocation lumenLocation() {
        return location;
    }

    @Override
    public SourceSection getSourceSection() {
        return location == null ? null : location.section();
    }
}
