package dev.lumen.lir.interpreter;

import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.Opcode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An assembler for interpreter tests: registers by name, constants by value, jumps to labels. Each
 * instruction is placed at the current source position ({@link #at}).
 */
final class Cell {
    private final String name;
    private final List<CellDef.ParamDef> params = new ArrayList<>();
    private LirType returns = LirType.Primitive.NULL;
    private final List<LirType> registers = new ArrayList<>();
    private final Map<String, Integer> regNames = new HashMap<>();
    private final List<Constant> constants = new ArrayList<>();
    private final List<int[]> code = new ArrayList<>(); // {word, line, column}
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<Object[]> fixups = new ArrayList<>(); // {pc, label}
    private int line = 1;
    private int column = 1;
    private final List<DebugInfo.Statement> statements = new ArrayList<>();
    private final List<DebugInfo.Local> locals = new ArrayList<>();

    Cell(String name) {
        this.name = name;
    }

    Cell param(String pname, LirType type) {
        params.add(new CellDef.ParamDef(pname, type));
        reg(pname, type);
        return this;
    }

    Cell returns(LirType type) {
        this.returns = type;
        return this;
    }

    /** Declares a register; returns this for chaining. */
    Cell reg(String rname, LirType type) {
        regNames.put(rname, registers.size());
        registers.add(type);
        return this;
    }

    /** Declares unnamed registers (window slots). */
    Cell regs(LirType... types) {
        for (LirType t : types) {
            registers.add(t);
        }
        return this;
    }

    int r(String rname) {
        Integer r = regNames.get(rname);
        if (r == null) {
            throw new IllegalArgumentException("no register " + rname);
        }
        return r;
    }

    int k(Constant c) {
        int i = constants.indexOf(c);
        if (i < 0) {
            constants.add(c);
            i = constants.size() - 1;
        }
        return i;
    }

    int kInt(long v) {
        return k(new Constant.IntConst(v));
    }

    int kFloat(double v) {
        return k(new Constant.FloatConst(v));
    }

    int kString(String v) {
        return k(new Constant.StringConst(v));
    }

    Cell at(int l, int c) {
        this.line = l;
        this.column = c;
        return this;
    }

    /** Starts a statement at the next instruction, at the current source position, {@code width} columns wide. */
    Cell statement(int width) {
        statements.add(new DebugInfo.Statement(code.size(), new DebugInfo.Span(line, column, line, column + width)));
        return this;
    }

    /** Names register {@code rname} as a variable in scope at instructions {@code from..to-1}. */
    Cell local(String rname, int from, int to) {
        locals.add(new DebugInfo.Local(rname, r(rname), from, to));
        return this;
    }

    Cell label(String l) {
        labels.put(l, code.size());
        return this;
    }

    Cell op(Opcode op, int a, int b, int c) {
        code.add(new int[] {Instruction.encode(op, a, b, c), line, column});
        return this;
    }

    Cell op(Opcode op, int a, int b) {
        return op(op, a, b, 0);
    }

    Cell op(Opcode op, int a) {
        return op(op, a, 0, 0);
    }

    /** A jump (JMP, JMPIF, JMPIFNOT) on register {@code a} to a label. */
    Cell jump(Opcode op, int a, String label) {
        fixups.add(new Object[] {code.size(), label});
        code.add(new int[] {Instruction.encode(op, a, 0, 0), line, column});
        return this;
    }

    Cell word(int w) {
        code.add(new int[] {w, line, column});
        return this;
    }

    int pc() {
        return code.size();
    }

    CellDef build() {
        for (Object[] f : fixups) {
            int pc = (Integer) f[0];
            Integer target = labels.get((String) f[1]);
            if (target == null) {
                throw new IllegalArgumentException("no label " + f[1]);
            }
            int word = code.get(pc)[0];
            Opcode op = Opcode.of(Instruction.opcode(word));
            code.get(pc)[0] = Instruction.asbx(op, Instruction.a(word), target - (pc + 1));
        }
        int[] words = new int[code.size()];
        int[] lines = new int[code.size()];
        int[] columns = new int[code.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = code.get(i)[0];
            lines[i] = code.get(i)[1];
            columns[i] = code.get(i)[2];
        }
        DebugInfo debug = statements.isEmpty() && locals.isEmpty() ? DebugInfo.NONE
                : new DebugInfo(null, List.copyOf(statements), List.copyOf(locals));
        return new CellDef(name, List.copyOf(params), returns, List.copyOf(registers), List.copyOf(constants), words, lines,
                columns, debug);
    }
}
