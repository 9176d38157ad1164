package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.LirType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named variables of a cell at a place in its code, from the cell's parameters and the locals of its debug
 * information: what a debugger's scope shows and what an expression evaluated there can name.
 */
public final class LumenVariables {
    private final CellDef cell;

    private LumenVariables(CellDef cell) {
        this.cell = cell;
    }

    static LumenVariables of(CellDef cell) {
        return new LumenVariables(cell);
    }

    /**
     * The variables at a node of a cell — a statement, a call or the cell's body (its parameters) — with the cell,
     * or null when the node is not part of a Lumen cell.
     */
    @TruffleBoundary
    public static Place at(Node node) {
        int pc = -1;
        for (Node n = node; n != null; n = n.getParent()) {
            if (pc < 0 && n instanceof LumenStatementNode s) {
                pc = s.pc();
            } else if (pc < 0 && n instanceof LumenCallSite c) {
                pc = c.pc();
            } else if (n instanceof LumenBytecodeNode b) {
                return new Place(b, Math.max(pc, 0));
            } else if (n instanceof LumenCellBody c) {
                return new Place(c.bytecode(), 0);
            }
        }
        return null;
    }

    /** Visible at instruction {@code pc}: the parameters, then the locals in scope; an inner name hides an outer. */
    Visible at(int pc) {
        Map<String, Integer> registers = new LinkedHashMap<>();
        for (int i = 0; i < cell.params().size(); i++) {
            registers.put(cell.params().get(i).name(), i);
        }
        for (DebugInfo.Local l : cell.debug().locals()) {
            if (l.visibleAt(pc)) {
                registers.remove(l.name());
                registers.put(l.name(), l.register());
            }
        }
        List<String> names = new ArrayList<>(registers.keySet());
        int[] regs = registers.values().stream().mapToInt(Integer::intValue).toArray();
        return new Visible(cell, names, regs);
    }

    /** Named variables and their registers. */
    public static final class Visible {
        private final CellDef cell;
        private final List<String> names;
        private final int[] registers;

        Visible(CellDef cell, List<String> names, int[] registers) {
            this.cell = cell;
            this.names = names;
            this.registers = registers;
        }

        public int size() {
            return registers.length;
        }

        public String name(int i) {
            return names.get(i);
        }

        int register(int i) {
            return registers[i];
        }

        /** The static type of variable {@code i} (its register's). */
        public LirType type(int i) {
            return cell.registers().get(registers[i]);
        }
    }

    /** A place in a cell: its visible variables, and their values in a frame of the cell. */
    public static final class Place {
        private final LumenBytecodeNode body;
        private final Visible visible;

        Place(LumenBytecodeNode body, int pc) {
            this.body = body;
            this.visible = of(body.cell()).at(pc);
        }

        public Visible variables() {
            return visible;
        }

        /** The value of variable {@code i} in {@code frame}, or null when its register was never written. */
        @TruffleBoundary
        public Object value(MaterializedFrame frame, int i) {
            return body.debugValue(frame, visible.register(i));
        }

        /** The program the cell belongs to. */
        public LumenProgram program() {
            return body.program();
        }

        public String cellName() {
            return body.cell().name();
        }

        SourceSection cellSection() {
            return body.getRootNode().getSourceSection();
        }
    }
}
