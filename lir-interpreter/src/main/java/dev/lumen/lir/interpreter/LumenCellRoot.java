package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.errors.LumenRoot;
import dev.lumen.lir.format.CellDef;

/**
 * The root node of one cell. Its frame has one static slot per register (slot i is register i), read and
 * written with the typed static accessors the register's static type selects (see
 * {@link LumenBytecodeNode}). Arguments arrive boxed in {@code frame.getArguments()} and are unboxed into
 * the parameter registers 0..n-1 on entry. The body is a {@link LumenBytecodeNode}, under the {@link LumenCellBody}
 * that tools instrument. A cell that can perform an effect ({@link LumenEffectfulCells}) reports its calls to the
 * program's {@link LumenEffects}; a pure one does not.
 */
public final class LumenCellRoot extends RootNode implements LumenRoot {
    private final CellDef cell;
    private final LumenProgram program;
    private final SourceSection section;
    @CompilationFinal private boolean effectful;
    /** The cell's code; also the grandchild under {@link #instrumentable}. */
    private final LumenBytecodeNode body;
    @Child private LumenCellBody instrumentable;

    LumenCellRoot(TruffleLanguage<?> language, LumenProgram program, int index, CellDef cell) {
        super(language, frameDescriptor(cell));
        this.cell = cell;
        this.program = program;
        this.body = new LumenBytecodeNode(program, index, cell);
        this.instrumentable = new LumenCellBody(body);
        this.section = cellSection(program, cell);
    }

    private static FrameDescriptor frameDescriptor(CellDef cell) {
        int n = cell.registers().size();
        FrameDescriptor.Builder b = FrameDescriptor.newBuilder(n);
        b.addSlots(n, FrameSlotKind.Static);
        b.info(cell.name());
        return b.build();
    }

    /** The cell's declaration, or else the range of its instructions. */
    private static SourceSection cellSection(LumenProgram program, CellDef cell) {
        if (cell.debug().cell() != null) {
            return program.section(cell.debug().cell());
        }
        int[] lines = cell.lines();
        if (lines == null || lines.length == 0) {
            return null;
        }
        int first = Integer.MAX_VALUE;
        int last = 0;
        int lastColumn = 1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] < first) {
                first = lines[i];
            }
            if (lines[i] > last || (lines[i] == last && cell.columns()[i] > lastColumn)) {
                last = lines[i];
                lastColumn = cell.columns()[i];
            }
        }
        int firstColumn = Integer.MAX_VALUE;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == first) {
                firstColumn = Math.min(firstColumn, cell.columns()[i]);
            }
        }
        return program.section(first, firstColumn, last, lastColumn);
    }

    /** Creates the call sites; every cell's root must exist first (calls may be recursive). */
    void link(boolean[][] borrowedParams, boolean[] sharingMoves, boolean performsEffects) {
        body.linkCalls(borrowedParams, sharingMoves);
        this.effectful = performsEffects;
    }

    LumenBytecodeNode body() {
        return body;
    }

    CellDef cell() {
        return cell;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        body.enter(frame);
        if (!effectful) {
            return instrumentable.execute(frame);
        }
        cellStart(program, cell, frame.getArguments());
        Object result = instrumentable.execute(frame);
        cellEnd(program, result);
        return result;
    }

    @TruffleBoundary
    private static void cellStart(LumenProgram program, CellDef cell, Object[] arguments) {
        program.effects().cellStart(cell, arguments);
    }

    @TruffleBoundary
    private static void cellEnd(LumenProgram program, Object result) {
        program.effects().cellEnd(result);
    }

    @Override
    public String cellName() {
        return cell.name();
    }

    @Override
    public String getName() {
        return cell.name();
    }

    @Override
    public String getQualifiedName() {
        return cell.name();
    }

    /**
     * Synthetic cells (`where` constraints, named with `$`) and the cells of an internal source (a debugger's
     * expression) stay out of stack traces and debuggers.
     */
    @Override
    public boolean isInternal() {
        return cell.name().startsWith("$") || program.source().isInternal();
    }

    @Override
    public SourceSection getSourceSection() {
        return section;
    }

    @Override
    public String toString() {
        return "cell " + cell.name();
    }
}
