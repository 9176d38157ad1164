package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.GenerateWrapper;
import com.oracle.truffle.api.instrumentation.InstrumentableNode;
import com.oracle.truffle.api.instrumentation.ProbeNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.source.SourceSection;
import java.util.Set;

/**
 * A cell's body as tools see it: tagged {@link StandardTags.RootTag} and {@link StandardTags.RootBodyTag} at the
 * cell's place in the document, it runs the cell's {@link LumenBytecodeNode}. The statement nodes are made only
 * when a tool first asks for statements ({@link #materializeInstrumentableNodes}): a program nobody debugs has
 * none. Its scope shows the parameters.
 */
@GenerateWrapper
class LumenCellBody extends LumenInstrumentableNode {
    @Child private LumenBytecodeNode bytecode;

    LumenCellBody(LumenBytecodeNode bytecode) {
        this.bytecode = bytecode;
    }

    /** For the wrapper a tool puts around this node: it delegates to this node and runs no bytecode itself. */
    LumenCellBody(@SuppressWarnings("unused") LumenCellBody node) {
        this.bytecode = null;
    }

    LumenBytecodeNode bytecode() {
        return bytecode;
    }

    public Object execute(VirtualFrame frame) {
        return bytecode.execute(frame);
    }

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.RootTag.class || tag == StandardTags.RootBodyTag.class;
    }

    @Override
    public SourceSection getSourceSection() {
        return getRootNode() == null ? null : getRootNode().getSourceSection();
    }

    @Override
    @TruffleBoundary
    public InstrumentableNode materializeInstrumentableNodes(Set<Class<? extends Tag>> materializedTags) {
        if (materializedTags.contains(StandardTags.StatementTag.class)) {
            var lock = getLock();
            lock.lock();
            try {
                bytecode.instrumentStatements();
            } finally {
                lock.unlock();
            }
        }
        return this;
    }

    @Override
    public WrapperNode createWrapper(ProbeNode probe) {
        return new LumenCellBodyWrapper(this, this, probe);
    }
}
