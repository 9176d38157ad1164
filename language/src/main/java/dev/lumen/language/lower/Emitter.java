package dev.lumen.language.lower;

import dev.lumen.language.source.Span;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Opcode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell's instruction words with their source map, and its constant table (deduplicated, in first-use
 * order). Every instruction is attributed to the span set with {@link #at}: the statement or expression
 * being lowered.
 *
 * <p>Jumps are emitted with a zero offset and {@link #patch patched} once their target is known; an
 * offset outside sBx's 16 bits is a {@link LimitExceeded} (a diagnostic, not a long-jump sequence: a
 * jump over 32,767 instructions means one cell holds tens of thousands of lines). A table index too wide
 * for its field (more than 65,536 constants, 256 fields or tools) is followed by EXTRAARG holding the
 * high bits: the operand is {@code field + Ax * 2^width}.
 *
 * <p>It also keeps the cell's {@link DebugInfo}: where statements start ({@link #statement}) and the registers
 * of named variables ({@link #local}), each visible from the first statement after its declaration to the end
 * of its scope ({@link #endLocal}).
 */
final class Emitter {
    private int[] code = new int[64];
    private int[] lines = new int[64];
    private int[] columns = new int[64];
    private Span[] spans = new Span[64];
    private int size;
    private final Map<Constant, Integer> constants = new LinkedHashMap<>();
    private Span at = Span.NONE;
    private final List<DebugInfo.Statement> statements = new ArrayList<>();
    private final List<PendingLocal> locals = new ArrayList<>();

    /** A local being declared: {@code from} is -1 until the first statement after its declaration starts. */
    private static final class PendingLocal {
        final String name;
        final int register;
        int from = -1;
        int to = -1;

        PendingLocal(String name, int register) {
            this.name = name;
            this.register = register;
        }
    }

    /** Sets the span the next instructions come from; returns the previous one, for {@link #at} again. */
    Span at(Span span) {
        Span previous = at;
        if (span != null && span != Span.NONE) {
            at = span;
        }
        return previous;
    }

    Span at() {
        return at;
    }

    /** The index of the next instruction. */
    int pc() {
        return size;
    }

    private int word(int word) {
        if (size == code.length) {
            code = java.util.Arrays.copyOf(code, size * 2);
            lines = java.util.Arrays.copyOf(lines, size * 2);
            columns = java.util.Arrays.copyOf(columns, size * 2);
            spans = java.util.Arrays.copyOf(spans, size * 2);
        }
        code[size] = word;
        spans[size] = at;
        lines[size] = Math.max(at.line(), 0);
        columns[size] = Math.max(at.column(), 0);
        return size++;
    }

    int abc(Opcode op, int a, int b, int c) {
        int wideB = op.b() == Opcode.Operand.FIELD || op.b() == Opcode.Operand.TOOL ? b : -1;
        int wideC = op.c() == Opcode.Operand.FIELD || op.c() == Opcode.Operand.TOOL ? c : -1;
        if (wideB > Instruction.MAX_A) {
            int pc = word(Instruction.abc(op, a, b & 0xFF, c));
            extra(b >>> 8);
            return pc;
        }
        if (wideC > Instruction.MAX_A) {
            int pc = word(Instruction.abc(op, a, b, c & 0xFF));
            extra(c >>> 8);
            return pc;
        }
        return word(Instruction.abc(op, a, b, c));
    }

    int abx(Opcode op, int a, int bx) {
        if (bx > Instruction.MAX_BX) {
            int pc = word(Instruction.abx(op, a, bx & 0xFFFF));
            extra(bx >>> 16);
            return pc;
        }
        return word(Instruction.abx(op, a, bx));
    }

    int asbx(Opcode op, int a, int sbx) {
        return word(Instruction.asbx(op, a, sbx));
    }

    private void extra(int high) {
        if (high > Instruction.MAX_AX) {
            throw new LimitExceeded(LimitExceeded.Kind.TABLE, at);
        }
        word(Instruction.ax(Opcode.EXTRAARG, high));
    }

    /** A jump whose offset is patched later; returns its index. */
    int jump(Opcode op, int a) {
        return word(Instruction.asbx(op, a, 0));
    }

    /** Points the jump at {@code jumpPc} to instruction {@code target}. */
    void patch(int jumpPc, int target) {
        int word = code[jumpPc];
        Opcode op = Opcode.of(Instruction.opcode(word));
        int offset = target - (jumpPc + 1);
        if (offset < Instruction.MIN_SBX || offset > Instruction.MAX_SBX) {
            throw new LimitExceeded(LimitExceeded.Kind.JUMP, spans[jumpPc]);
        }
        code[jumpPc] = Instruction.asbx(op, Instruction.a(word), offset);
    }

    void patchHere(List<Integer> jumps) {
        for (int j : jumps) {
            patch(j, size);
        }
    }

    /**
     * Marks the next instruction as the start of a statement at {@code span}. A statement that emitted nothing
     * gives its place to the next one (at most one statement per instruction: the innermost, which is the one
     * whose code runs there). Locals declared since the last statement become visible here.
     */
    void statement(Span span) {
        if (!statements.isEmpty() && statements.get(statements.size() - 1).pc() == size) {
            statements.remove(statements.size() - 1);
        }
        statements.add(new DebugInfo.Statement(size, span(span)));
        for (PendingLocal l : locals) {
            if (l.from < 0 && l.to < 0) {
                l.from = size;
            }
        }
    }

    /** Declares variable {@code name} in {@code register}; returns its handle for {@link #endLocal}. */
    int local(String name, int register) {
        locals.add(new PendingLocal(name, register));
        return locals.size() - 1;
    }

    /** Ends the scope of a local: it is not visible from the next instruction on. */
    void endLocal(int handle) {
        PendingLocal l = locals.get(handle);
        l.to = size;
    }

    private static DebugInfo.Span span(Span s) {
        return new DebugInfo.Span(s.line(), s.column(), s.endLine(), s.endColumn());
    }

    /** The debug information of a cell declared at {@code cell}. */
    DebugInfo debugInfo(Span cell) {
        List<DebugInfo.Statement> starts = new ArrayList<>();
        for (DebugInfo.Statement s : statements) {
            if (s.pc() < size) {
                starts.add(s);
            }
        }
        List<DebugInfo.Local> named = new ArrayList<>();
        for (PendingLocal l : locals) {
            int to = l.to < 0 ? size : l.to;
            if (l.from >= 0 && l.from < to) {
                named.add(new DebugInfo.Local(l.name, l.register, l.from, to));
            }
        }
        return new DebugInfo(span(cell), List.copyOf(starts), List.copyOf(named));
    }

    /** The index of a constant, adding it on first use. */
    int constant(Constant c) {
        Integer i = constants.get(c);
        if (i != null) {
            return i;
        }
        int index = constants.size();
        constants.put(c, index);
        return index;
    }

    List<Constant> constants() {
        return List.copyOf(constants.keySet());
    }

    int[] code() {
        return java.util.Arrays.copyOf(code, size);
    }

    int[] lines() {
        return java.util.Arrays.copyOf(lines, size);
    }

    int[] columns() {
        return java.util.Arrays.copyOf(columns, size);
    }
}
