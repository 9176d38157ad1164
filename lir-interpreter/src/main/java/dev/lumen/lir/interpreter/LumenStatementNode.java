package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.GenerateWrapper;
import com.oracle.truffle.api.instrumentation.ProbeNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.source.SourceSection;

/**
 * One Lumen statement of a cell, for tools: tagged {@link StandardTags.StatementTag} at the statement's place in
 * the `.lm.md` document, with the variables in scope where it starts ({@link LumenScope}). The bytecode loop
 * reports to its probe ({@link LumenInstrumentation}); its own {@link #execute} never runs.
 */
@GenerateWrapper
class LumenStatementNode extends LumenInstrumentableNode {
    private final int pc;
    private final SourceSection section;

    LumenStatementNode(int pc, SourceSection section) {
        this.pc = pc;
        this.section = section;
    }

    /** For the wrapper a tool puts around this node. */
    LumenStatementNode(LumenStatementNode node) {
        this(node.pc, node.section);
    }

    int pc() {
        return pc;
    }

    public void execute(@SuppressWarnings("unused") VirtualFrame frame) {
    }

    @Override
    public boolean hasTag(Class<? extends Tag> tag) {
        return tag == StandardTags.StatementTag.class;
    }

    @Override
    public SourceSection getSourceSection() {
        return section;
    }

    @Override
    public WrapperNode createWrapper(ProbeNode probe) {
        return new LumenStatementNodeWrapper(this, this, probe);
    }
}
