package dev.lumen.lir.interpreter;

import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.Opcode;
import java.util.List;

/**
 * Which cells can perform an effect: those with a TOOLCALL, SCHEMA, VALIDATE or {@code trace_ref()}, and those
 * that call one of them. Only these report their calls to {@link LumenEffects} (trace events {@code cell_start}
 * and {@code cell_end}); every other cell is pure, its result a function of its arguments.
 */
final class LumenEffectfulCells {
    private LumenEffectfulCells() {
    }

    /** {@code callees[i][pc]} is the cell called at {@code pc} of cell i, or -1. */
    static boolean[] of(List<CellDef> cells, int[][] callees) {
        int n = cells.size();
        boolean[] effectful = new boolean[n];
        for (int i = 0; i < n; i++) {
            effectful[i] = performsEffect(cells.get(i).code());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (!effectful[i] && callsAny(callees[i], effectful)) {
                    effectful[i] = true;
                    changed = true;
                }
            }
        }
        return effectful;
    }

    private static boolean performsEffect(int[] code) {
        for (int word : code) {
            Opcode op = Opcode.of(Instruction.opcode(word));
            if (op == Opcode.TOOLCALL || op == Opcode.TOOLSTART || op == Opcode.SCHEMA || op == Opcode.VALIDATE
                    || (op == Opcode.INTRINSIC && Intrinsic.of(Instruction.b(word)) != null
                            && !Intrinsic.of(Instruction.b(word)).def().pure())) {
                return true;
            }
        }
        return false;
    }

    private static boolean callsAny(int[] callees, boolean[] effectful) {
        for (int callee : callees) {
            if (callee >= 0 && effectful[callee]) {
                return true;
            }
        }
        return false;
    }
}
