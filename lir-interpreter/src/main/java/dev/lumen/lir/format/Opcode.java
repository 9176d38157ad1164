package dev.lumen.lir.format;

import static dev.lumen.lir.format.Opcode.Format.ABC;
import static dev.lumen.lir.format.Opcode.Format.ABX;
import static dev.lumen.lir.format.Opcode.Format.ASBX;
import static dev.lumen.lir.format.Opcode.Format.AX;
import static dev.lumen.lir.format.Opcode.Operand.CELL;
import static dev.lumen.lir.format.Opcode.Operand.CONST;
import static dev.lumen.lir.format.Opcode.Operand.COUNT;
import static dev.lumen.lir.format.Opcode.Operand.FIELD;
import static dev.lumen.lir.format.Opcode.Operand.FLAG;
import static dev.lumen.lir.format.Opcode.Operand.IMM;
import static dev.lumen.lir.format.Opcode.Operand.INTRINSIC_ID;
import static dev.lumen.lir.format.Opcode.Operand.JUMP;
import static dev.lumen.lir.format.Opcode.Operand.NONE;
import static dev.lumen.lir.format.Opcode.Operand.REG;
import static dev.lumen.lir.format.Opcode.Operand.TOOL;
import static dev.lumen.lir.format.Opcode.Operand.TYPE;

/**
 * The LIR instruction set: the single source of truth for names, formats and operand kinds. Every
 * instruction is one 32-bit word; the opcode is the low byte.
 *
 * <pre>
 *   31       24 23       16 15        8 7         0
 *  +-----------+-----------+-----------+-----------+
 *  |     C     |     B     |     A     |  opcode   |   ABC   A, B, C: 8 bits each
 *  +-----------+-----------+-----------+-----------+
 *  |          Bx           |     A     |  opcode   |   ABx   Bx: 16 bits, unsigned
 *  +-----------------------+-----------+-----------+
 *  |          sBx          |     A     |  opcode   |   AsBx  sBx: 16 bits, signed (two's complement)
 *  +-----------------------+-----------+-----------+
 *  |               Ax                  |  opcode   |   Ax    Ax: 24 bits, unsigned
 *  +-----------------------------------+-----------+
 * </pre>
 *
 * Notation: R[x] register x of the current cell; K[x] constant x of the current cell; T[x] type x of the
 * module; CELL[x] cell x of the module; TOOL[x] tool x of the module; pc the index of the next
 * instruction. Jumps are relative to the next instruction. A register's static type (from the cell's
 * register table) selects Int or Float arithmetic; the instruction itself is untyped.
 */
public enum Opcode {
    // name          format  A       B          C                  semantics
    MOVE(ABC, REG, REG, NONE),          // R[A] := R[B]
    LOADK(ABX, REG, CONST, NONE),       // R[A] := K[Bx]
    LOADINT(ASBX, REG, IMM, NONE),      // R[A] := sBx                      (small Int literals)
    LOADBOOL(ABC, REG, FLAG, NONE),     // R[A] := (B != 0)
    LOADNULL(ABC, REG, NONE, NONE),     // R[A] := null

    NEWLIST(ABC, REG, COUNT, NONE),     // R[A] := [R[A+1], ..., R[A+B]]
    NEWMAP(ABC, REG, COUNT, NONE),      // R[A] := {R[A+1]: R[A+2], ..., R[A+2B-1]: R[A+2B]}
    NEWRECORD(ABX, REG, TYPE, NONE),    // R[A] := T[Bx]{R[A+1], ..., R[A+n]}  (n = fields of T[Bx])
    OK(ABC, REG, REG, NONE),            // R[A] := ok(R[B])
    ERR(ABC, REG, REG, NONE),           // R[A] := err(R[B])

    GETFIELD(ABC, REG, REG, FIELD),     // R[A] := R[B].fields[C]
    SETFIELD(ABC, REG, FIELD, REG),     // R[A].fields[B] := R[C]            (R[A] is copied if shared)
    GETINDEX(ABC, REG, REG, REG),       // R[A] := R[B][R[C]]                (list position or map key)
    SETINDEX(ABC, REG, REG, REG),       // R[A][R[B]] := R[C]                (R[A] is copied if shared)
    APPEND(ABC, REG, REG, REG),         // R[A] := R[B] ++ [R[C]]            (in place when A = B, unshared)
    LEN(ABC, REG, REG, NONE),           // R[A] := length(R[B])

    ADD(ABC, REG, REG, REG),            // R[A] := R[B] + R[C]               (Int, Float, String, list)
    SUB(ABC, REG, REG, REG),            // R[A] := R[B] - R[C]
    MUL(ABC, REG, REG, REG),            // R[A] := R[B] * R[C]
    DIV(ABC, REG, REG, REG),            // R[A] := R[B] / R[C]               (Int: truncating; / 0 is an error)
    MOD(ABC, REG, REG, REG),            // R[A] := R[B] % R[C]               (Int: sign of R[B]; % 0 is an error)
    NEG(ABC, REG, REG, NONE),           // R[A] := -R[B]
    NOT(ABC, REG, REG, NONE),           // R[A] := not R[B]
    CONCAT(ABC, REG, REG, COUNT),       // R[A] := text(R[B]) .. ... .. text(R[B+C-1])
    EQ(ABC, REG, REG, REG),             // R[A] := R[B] == R[C]              (structural)
    NE(ABC, REG, REG, REG),             // R[A] := R[B] != R[C]
    LT(ABC, REG, REG, REG),             // R[A] := R[B] < R[C]               (Int, Float, String)
    LE(ABC, REG, REG, REG),             // R[A] := R[B] <= R[C]
    IN(ABC, REG, REG, REG),             // R[A] := R[B] in R[C]              (element, map key, substring)

    JMP(ASBX, NONE, JUMP, NONE),        // pc += sBx
    JMPIF(ASBX, REG, JUMP, NONE),       // if R[A] then pc += sBx
    JMPIFNOT(ASBX, REG, JUMP, NONE),    // if not R[A] then pc += sBx

    ISOK(ABC, REG, REG, NONE),          // R[A] := R[B] is ok(_)
    UNWRAP(ABC, REG, REG, NONE),        // R[A] := payload of result R[B]
    ISTYPE(ABX, REG, TYPE, NONE),       // R[A] := R[A+1] is a value of T[Bx]  (union member test)

    CALL(ABX, REG, CELL, NONE),         // R[A] := CELL[Bx](R[A+1], ..., R[A+n])  (n = parameters of the cell)
    INTRINSIC(ABC, REG, INTRINSIC_ID, REG), // R[A] := intrinsic B (R[C], ..., R[C+arity-1])
    TOOLCALL(ABC, REG, TOOL, REG),      // R[A] := TOOL[B](R[C])             (R[C]: map of inputs to Json; traced)
    SCHEMA(ABX, REG, TYPE, NONE),       // R[A] := R[A] validated as T[Bx], halting on failure (traced)
    VALIDATE(ABX, REG, TYPE, NONE),     // R[A] := validate(schema T[Bx], R[A])  (result; traced)
    RETURN(ABC, REG, NONE, NONE),       // return R[A]
    HALT(ABC, REG, NONE, NONE),         // stop the program with message R[A]
    EXTRAARG(AX, COUNT, NONE, NONE),    // operand too wide for the previous instruction: Ax
    TOOLSTART(ABC, REG, TOOL, REG),     // R[A] := TOOL[B](R[C]) started, running beside the run (traced at AWAIT)
    AWAIT(ABC, REG, NONE, NONE);        // R[A] := the output of the call R[A] started (the first AWAIT after
                                        //   TOOLSTARTs waits for them all and traces them in the order started)

    /** Instruction layouts. */
    public enum Format {
        ABC, ABX, ASBX, AX
    }

    /** What an operand field refers to; the verifier checks each against its table. */
    public enum Operand {
        NONE, REG, CONST, TYPE, FIELD, CELL, TOOL, INTRINSIC_ID, JUMP, COUNT, FLAG, IMM
    }

    private static final Opcode[] BY_CODE = values();

    private final Format format;
    private final Operand a;
    private final Operand b;
    private final Operand c;

    Opcode(Format format, Operand a, Operand b, Operand c) {
        this.format = format;
        this.a = a;
        this.b = b;
        this.c = c;
    }

    public Format format() {
        return format;
    }

    public Operand a() {
        return a;
    }

    /** The B operand, or Bx / sBx in the wide formats. */
    public Operand b() {
        return b;
    }

    public Operand c() {
        return c;
    }

    /**
     * Whether an EXTRAARG may follow this instruction to widen its one table-index operand (kind CONST,
     * TYPE, FIELD, CELL or TOOL) beyond its field: the operand's value is then
     * {@code field + Ax * 2^width} ({@link Instruction#widen}), width 8 for B and C, 16 for Bx.
     * Register, count, flag, immediate and jump operands are never widened (registers and windows fit in
     * 8 bits; jumps are limited to sBx).
     */
    public boolean takesExtraArg() {
        return widenable(a) || widenable(b) || widenable(c);
    }

    /** Which operand EXTRAARG widens: 'a', 'b' or 'c', or 0 if none ({@link #takesExtraArg()}). */
    public char extraArgOperand() {
        return widenable(b) ? 'b' : widenable(c) ? 'c' : widenable(a) ? 'a' : 0;
    }

    /** The width in bits of the field holding operand 'a', 'b' or 'c' in this opcode's format. */
    public int operandWidth(char operand) {
        return switch (operand) {
            case 'a' -> format == Format.AX ? 24 : 8;
            case 'b' -> format == Format.ABC ? 8 : format == Format.AX ? 0 : 16;
            case 'c' -> format == Format.ABC ? 8 : 0;
            default -> throw new IllegalArgumentException("operand " + operand);
        };
    }

    private static boolean widenable(Operand kind) {
        return kind == CONST || kind == TYPE || kind == FIELD || kind == CELL || kind == TOOL;
    }

    /** The opcode named {@code name} (e.g. "LOADK"), or null. */
    public static Opcode named(String name) {
        for (Opcode op : BY_CODE) {
            if (op.name().equals(name)) {
                return op;
            }
        }
        return null;
    }

    /** The opcode whose number is {@code code}, or null. */
    public static Opcode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
