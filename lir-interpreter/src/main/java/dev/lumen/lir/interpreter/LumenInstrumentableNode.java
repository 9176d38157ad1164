package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.instrumentation.InstrumentableNode;
import com.oracle.truffle.api.interop.NodeLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;

/**
 * A node of a cell that tools instrument (a statement, a call, the cell's body): instrumentable where it has a
 * place in the document, and its scope is the cell's variables there ({@link LumenScope}).
 */
@ExportLibrary(NodeLibrary.class)
abstract class LumenInstrumentableNode extends Node implements InstrumentableNode {

    @Override
    public boolean isInstrumentable() {
        return getSourceSection() != null;
    }

    @ExportMessage
    final boolean hasScope(@SuppressWarnings("unused") Frame frame) {
        return true;
    }

    @ExportMessage
    final Object getScope(Frame frame, @SuppressWarnings("unused") boolean nodeEnter) {
        return LumenScope.at(this, frame);
    }
}
