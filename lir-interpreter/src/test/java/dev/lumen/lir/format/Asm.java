package dev.lumen.lir.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small assembler for tests: builds a {@link CellDef} instruction by instruction. */
final class Asm {
    private final String name;
    private final List<CellDef.ParamDef> params = new ArrayList<>();
    private LirType returns = LirType.Primitive.NULL;
    private final List<LirType> registers = new ArrayList<>();
    private final List<Constant> constants = new ArrayList<>();
    private int[] code = new int[16];
    private int[] lines = new int[16];
    private int[] columns = new int[16];
    private int size;
    private int line = 1;
    private final List<DebugInfo.Statement> statements = new ArrayList<>();
    private final List<DebugInfo.Local> locals = new ArrayList<>();

    Asm(String name) {
        this.name = name;
    }

    /** A parameter; also declares its register. */
    Asm param(String pname, LirType type) {
        params.add(new CellDef.ParamDef(pname, type));
        registers.add(type);
        return this;
    }

    Asm returns(LirType type) {
        this.returns = type;
        return this;
    }

    Asm regs(LirType... types) {
        registers.addAll(Arrays.asList(types));
        return this;
    }

    Asm k(Constant... ks) {
        constants.addAll(Arrays.asList(ks));
        return this;
    }

    /** Sets the source line of the following instructions. */
    Asm line(int l) {
        this.line = l;
        return this;
    }

    /** Appends an instruction in the uniform operand view (see {@link Instruction#encode}). */
    Asm op(Opcode op, int... operands) {
        int[] o = Arrays.copyOf(operands, 3);
        return word(Instruction.encode(op, o[0], o[1], o[2]));
    }

    Asm word(int w) {
        if (size == code.length) {
            code = Arrays.copyOf(code, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
            columns = Arrays.copyOf(columns, size * 2);
        }
        code[size] = w;
        lines[size] = line;
        columns[size] = 5;
        size++;
        return this;
    }

    int pc() {
        return size;
    }

    /** Starts a statement at the next instruction, spanning columns 5.. of the current line. */
    Asm statement(int endColumn) {
        statements.add(new DebugInfo.Statement(size, new DebugInfo.Span(line, 5, line, endColumn)));
        return this;
    }

    /** Names a register over instructions {@code from..to-1}. */
    Asm local(String lname, int register, int from, int to) {
        locals.add(new DebugInfo.Local(lname, register, from, to));
        return this;
    }

    /** The number of instructions so far. */
    int size() {
        return size;
    }

    CellDef build() {
        return new CellDef(name, List.copyOf(params), returns, List.copyOf(registers), List.copyOf(constants),
                Arrays.copyOf(code, size), Arrays.copyOf(lines, size), Arrays.copyOf(columns, size),
                new DebugInfo(statements.isEmpty() ? null : new DebugInfo.Span(1, 1, line + 1, 4), List.copyOf(statements),
                        List.copyOf(locals)));
    }
}
