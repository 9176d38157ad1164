package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
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
    /** Per argument: whether passing it marks it shared (the callee keeps or changes it). */
    @CompilationFinal(dimensions = 1) private final boolean[] shareArgs;
    private final LumenLocation location;

    LumenCallSite(CallTarget target, boolean[] shareArgs, LumenLocation location) {
        this.call = DirectCallNode.create(target);
        this.shareArgs = shareArgs;
        this.location = location;
    }

    int argCount() {
        return shareArgs.length;
    }

    boolean[] shareArgs() {
        return shareArgs;
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
