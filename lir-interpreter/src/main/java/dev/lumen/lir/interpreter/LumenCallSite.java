package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.GenerateWrapper;
import com.oracle.truffle.api.instrumentation.ProbeNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.errors.LumenLocated;
import dev.lumen.lir.errors.LumenLocation;

/**
 * One CALL instruction: a {@link DirectCallNode} to the callee (so a hot callee is inlined into its caller
 * when compiled) and the call's place in the document, which is where stack traces point for this frame. For
 * tools it is tagged {@link StandardTags.CallTag}, and its scope is the caller's variables at the call.
 */
@GenerateWrapper
class LumenCallSite extends LumenInstrumentableNode implements LumenLocated {
    @Child private DirectCallNode call;
    /** Per argument: whether passing it marks it shared (the callee keeps or changes it). */
    @CompilationFinal(dimensions = 1) private final boolean[] shareArgs;
    private final LumenLocation location;
    private final int pc;

    LumenCallSite(CallTarget target, boolean[] shareArgs, LumenLocation location, int pc) {
        this.call = DirectCallNode.create(target);
        this.shareArgs = shareArgs;
        this.location = location;
        this.pc = pc;
    }

    /** For the wrapper a tool puts around this node: it delegates the call to this node and makes none itself. */
    LumenCallSite(LumenCallSite node) {
        this.call = null;
        this.shareArgs = node.shareArgs;
        this.location = node.location;
        this.pc = node.pc;
    }

    int argCount() {
        return shareArgs.length;
    }

    boolean[] shareArgs() {
        return shareArgs;
    }

    int pc() {
        return pc;
    }

    /** Calls the callee; {@code frame} is the caller's, for the tools that watch calls. */
    public Object execute(@SuppressWarnings("unused") VirtualFrame frame, Object[] arguments) {
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

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.CallTag.class;
    }

    @Override
    public WrapperNode createWrapper(ProbeNode probe) {
        return new LumenCallSiteWrapper(this, this, probe);
    }
}
