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
}
