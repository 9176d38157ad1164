package dev.lumen.lir.format;

import java.util.List;

/**
 * A compiled cell. Parameters occupy registers 0..n-1; {@code registers} gives every register's static
 * type (the interpreter picks unboxed frame slots from it). {@code code} holds the instruction words;
 * {@code lines}/{@code columns} map each instruction to its 1-based line and column in the `.lm.md`
 * document; {@code debug} says where statements start and which registers hold named variables. Cells named
 * with a `$` are synthetic (`where` constraints) and cannot be run by name.
 */
public record CellDef(
        String name,
        List<ParamDef> params,
        LirType returns,
        List<LirType> registers,
        List<Constant> constants,
        int[] code,
        int[] lines,
        int[] columns,
        DebugInfo debug) {

    /** A cell without debug information. */
    public CellDef(String name, List<ParamDef> params, LirType returns, List<LirType> registers,
            List<Constant> constants, int[] code, int[] lines, int[] columns) {
        this(name, params, returns, registers, constants, code, lines, columns, DebugInfo.NONE);
    }

    public record ParamDef(String name, LirType type) {
    }
}
