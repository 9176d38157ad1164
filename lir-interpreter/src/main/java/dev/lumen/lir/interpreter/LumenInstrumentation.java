package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.InstrumentableNode.WrapperNode;
import com.oracle.truffle.api.instrumentation.ProbeNode;
import com.oracle.truffle.api.nodes.Node;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.values.LumenNull;
import java.util.List;

/**
 * The statement nodes of one cell, one per entry of its statement table, which tools (the debugger, coverage)
 * instrument: a {@link LumenBytecodeNode} that has them tells them when a statement starts, ends or fails.
 * They are never executed; the loop calls the probe of a statement node that a tool has wrapped, and does
 * nothing for one that no tool watches.
 *
 * <p>The loop passes statement indexes that are constants when a cell is compiled, so each call reaches one
 * known probe and is inlined.
 */
final class LumenInstrumentation extends Node {
    @Children private final LumenStatementNode[] statements;
    /**
     * Per statement: the first statement with the same span. A `for` is two statements of one span, its start and
     * the test each round goes back to; passing from one to the other stays in the same statement.
     */
    @CompilationFinal(dimensions = 1) private final int[] sameAs;

    LumenInstrumentation(LumenProgram program, CellDef cell) {
        List<DebugInfo.Statement> table = cell.debug().statements();
        this.statements = new LumenStatementNode[table.size()];
        for (int i = 0; i < statements.length; i++) {
            DebugInfo.Statement s = table.get(i);
            statements[i] = new LumenStatementNode(s.pc(), program.section(s.span()));
        }
        this.sameAs = new int[table.size()];
        for (int i = 0; i < sameAs.length; i++) {
            sameAs[i] = i;
            for (int j = 0; j < i; j++) {
                if (table.get(i).span().equals(table.get(j).span())) {
                    sameAs[i] = j;
                    break;
                }
            }
        }
    }

    /**
     * Control passes from statement {@code from} (-1: none, the cell has just started) to {@code to}: returns the
     * statement now running, {@code to}, or {@code from} when both are the same statement.
     */
    int enter(VirtualFrame frame, int from, int to) {
        if (from >= 0) {
            if (sameAs[from] == sameAs[to]) {
                return from;
            }
            exit(frame, from);
        }
        ProbeNode probe = probe(to);
        if (probe != null) {
            try {
                probe.onEnter(frame);
            } catch (Throwable t) {
                afterProbeFailed(probe.onReturnExceptionalOrUnwind(frame, t, false), t);
            }
        }
        return to;
    }

    /** Statement {@code index} completed (the cell returns from it, or the next statement starts). */
    void exit(VirtualFrame frame, int index) {
        ProbeNode probe = probe(index);
        if (probe == null) {
            return;
        }
        try {
            probe.onReturnValue(frame, LumenNull.INSTANCE);
        } catch (Throwable t) {
            afterProbeFailed(probe.onReturnExceptionalOrUnwind(frame, t, true), t);
        }
    }

    /** Statement {@code index} stops the program with {@code error}, which the caller throws on. */
    void fail(VirtualFrame frame, int index, LumenException error) {
        ProbeNode probe = probe(index);
        if (probe != null) {
            probe.onReturnExceptionalOrUnwind(frame, error, false);
        }
    }

    /**
     * A probe threw (a debugger that kills the run, or unwinds frames to restart one): null from the probe means the
     * throwable goes on up; a statement cannot be re-entered or give a value, so anything else resumes the cell.
     */
    private static void afterProbeFailed(Object unwindResult, Throwable t) {
        if (unwindResult == null) {
            throw sneaky(t);
        }
        CompilerDirectives.transferToInterpreter();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private ProbeNode probe(int index) {
        LumenStatementNode node = statements[index];
        return node instanceof WrapperNode wrapper ? wrapper.getProbeNode() : null;
    }
}
