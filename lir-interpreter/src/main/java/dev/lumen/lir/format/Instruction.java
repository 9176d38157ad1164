package dev.lumen.lir.format;

/** Encoding and decoding of 32-bit LIR instruction words (layouts in {@link Opcode}). */
public final class Instruction {
    public static final int MAX_A = 0xFF;
    public static final int MAX_BX = 0xFFFF;
    public static final int MIN_SBX = -0x8000;
    public static final int MAX_SBX = 0x7FFF;
    public static final int MAX_AX = 0xFF_FFFF;

    private Instruction() {
    }

    public static int abc(Opcode op, int a, int b, int c) {
        return op.ordinal() | byteField(a) << 8 | byteField(b) << 16 | byteField(c) << 24;
    }

    public static int abx(Opcode op, int a, int bx) {
        if (bx < 0 || bx > MAX_BX) {
            throw new IllegalArgumentException("Bx out of range: " + bx);
        }
        return op.ordinal() | byteField(a) << 8 | bx << 16;
    }

    public static int asbx(Opcode op, int a, int sbx) {
        if (sbx < MIN_SBX || sbx > MAX_SBX) {
            throw new IllegalArgumentException("sBx out of range: " + sbx);
        }
        return op.ordinal() | byteField(a) << 8 | (sbx & 0xFFFF) << 16;
    }

    public static int ax(Opcode op, int ax) {
        if (ax < 0 || ax > MAX_AX) {
            throw new IllegalArgumentException("Ax out of range: " + ax);
        }
        return op.ordinal() | ax << 8;
    }

    private static int byteField(int v) {
        if (v < 0 || v > MAX_A) {
            throw new IllegalArgumentException("8-bit operand out of range: " + v);
        }
        return v;
    }

    public static int opcode(int word) {
        return word & 0xFF;
    }

    public static int a(int word) {
        return (word >>> 8) & 0xFF;
    }

    public static int b(int word) {
        return (word >>> 16) & 0xFF;
    }

    public static int c(int word) {
        return word >>> 24;
    }

    public static int bx(int word) {
        return word >>> 16;
    }

    public static int sbx(int word) {
        return word >> 16;
    }

    public static int ax(int word) {
        return word >>> 8;
    }

    // ---- The uniform operand view of Opcode's table: a() is A (Ax in format AX), b() is B, Bx or sBx,
    // ---- c() is C (ABC only). Disassemblers, readers and verifiers work on this view.

    /** The first operand of {@code word} as {@link Opcode#a()} describes it: Ax in format AX, else A. */
    public static int operandA(int word) {
        Opcode op = Opcode.of(opcode(word));
        return op != null && op.format() == Opcode.Format.AX ? ax(word) : a(word);
    }

    /** The second operand as {@link Opcode#b()} describes it: B, Bx or sBx by format; 0 in format AX. */
    public static int operandB(int word) {
        Opcode op = Opcode.of(opcode(word));
        if (op == null) {
            return b(word);
        }
        return switch (op.format()) {
            case ABC -> b(word);
            case ABX -> bx(word);
            case ASBX -> sbx(word);
            case AX -> 0;
        };
    }

    /** The third operand as {@link Opcode#c()} describes it: C in format ABC, else 0. */
    public static int operandC(int word) {
        Opcode op = Opcode.of(opcode(word));
        return op == null || op.format() == Opcode.Format.ABC ? c(word) : 0;
    }

    /**
     * Encodes an instruction from the uniform view: {@code b} is B, Bx or sBx and {@code c} must be 0
     * outside format ABC; in format AX, {@code a} is Ax and {@code b}, {@code c} must be 0.
     *
     * @throws IllegalArgumentException if an operand does not fit its field
     */
    public static int encode(Opcode op, int a, int b, int c) {
        if (op.format() != Opcode.Format.ABC && c != 0) {
            throw new IllegalArgumentException(op + " (format " + op.format() + ") has no C operand: " + c);
        }
        return switch (op.format()) {
            case ABC -> abc(op, a, b, c);
            case ABX -> abx(op, a, b);
            case ASBX -> asbx(op, a, b);
            case AX -> {
                if (b != 0) {
                    throw new IllegalArgumentException(op + " (format AX) has no B operand: " + b);
                }
                yield ax(op, a);
            }
        };
    }

    /**
     * The value of an operand widened by a following EXTRAARG (see {@link Opcode#takesExtraArg()}):
     * {@code field + extra * 2^width}, where {@code width} is the field's width in bits (8 for B and C,
     * 16 for Bx).
     */
    public static long widen(int field, int width, int extra) {
        return field + ((long) extra << width);
    }
}
