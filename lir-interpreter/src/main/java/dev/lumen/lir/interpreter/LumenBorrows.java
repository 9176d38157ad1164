package dev.lumen.lir.interpreter;

import static dev.lumen.lir.interpreter.LumenBytecodeNode.*;

import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Intrinsic;
import java.util.BitSet;

/**
 * Which MOVEs must mark the moved value shared (copy-on-write), decided once per cell at link time.
 *
 * <p>A MOVE puts a second reference to a list, map or record in another register, so in general the value
 * must become shared: a later SETINDEX, SETFIELD or APPEND through either register would otherwise be seen
 * through the other. But the front end also MOVEs values into argument windows (of intrinsics, LEN, CONCAT,
 * comparisons), where the copy is only read and then dies. Marking those shared would make the next in-place
 * update of the original variable copy it: {@code counts[w] = get(counts, w, 0) + 1} in a loop would copy the
 * whole map on every iteration.
 *
 * <p>So a MOVE {@code R[A] := R[B]} is a <em>borrow</em>, and leaves the value's sharing as it was, when on the
 * straight-line path after it, for as long as R[A] is live (by a standard backward liveness analysis over the
 * cell's control flow), every instruction reads R[A] only in a way that keeps no reference to it (as an
 * operand of LEN, GETINDEX, GETFIELD, comparisons, arithmetic, CONCAT, ISOK, UNWRAP, ISTYPE, a jump condition,
 * or an intrinsic argument), changes no container in place, and transfers no control. Everything else —
 * storing R[A] into a value, passing it to a cell or tool, returning it, moving it again, updating it in place,
 * or R[A] staying live across a jump — keeps the conservative rule: the MOVE shares.
 */
final class LumenBorrows {
    private LumenBorrows() {
    }

    /**
     * The registers live on entry to each instruction.
     *
     * @param windowSize for each pc, the window of a CALL (the callee's parameter count) or a NEWRECORD (the
     *     record's field count)
     */
    static BitSet[] liveness(CellDef cell, int[] code, int[] windowSize) {
        int n = code.length;
        int regs = cell.registers().size();
        BitSet[] liveIn = new BitSet[n];
        for (int pc = 0; pc < n; pc++) {
            liveIn[pc] = new BitSet(regs);
        }
        // Backward dataflow to a fixed point: in = use ∪ (out − def), out = ∪ in(successors).
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pc = n - 1; pc >= 0; pc--) {
                BitSet out = liveOut(code, pc, liveIn);
                int word = code[pc];
                int def = def(word);
                if (def >= 0 && !usesItsTarget(word)) {
                    out.clear(def);
                }
                uses(word, pc, code, windowSize, out);
                if (!out.equals(liveIn[pc])) {
                    liveIn[pc] = out;
                    changed = true;
                }
            }
        }
        return liveIn;
    }

    /** For each pc: whether the MOVE there must mark its value shared, given the parameters cells borrow. */
    static boolean[] sharingMoves(int[] code, BitSet[] liveIn, int[] windowSize, int[] callee, boolean[][] borrowed) {
        boolean[] shares = new boolean[code.length];
        for (int pc = 0; pc < code.length; pc++) {
            if ((code[pc] & 0xFF) == MOVE) {
                shares[pc] = !isBorrow(code, pc, liveIn, windowSize, callee, borrowed);
            }
        }
        return shares;
    }

    private static BitSet liveOut(int[] code, int pc, BitSet[] liveIn) {
        BitSet out = new BitSet();
        int op = code[pc] & 0xFF;
        int target = pc + 1 + (code[pc] >> 16);
        switch (op) {
            case RETURN, HALT -> {
            }
            case JMP -> addIn(out, liveIn, target);
            case JMPIF, JMPIFNOT -> {
                addIn(out, liveIn, target);
                addIn(out, liveIn, pc + 1);
            }
            default -> addIn(out, liveIn, pc + 1);
        }
        return out;
    }

    private static void addIn(BitSet out, BitSet[] liveIn, int pc) {
        if (pc >= 0 && pc < liveIn.length) {
            out.or(liveIn[pc]);
        }
    }

    private static int a(int word) {
        return (word >>> 8) & 0xFF;
    }

    private static int b(int word) {
        return (word >>> 16) & 0xFF;
    }

    private static int c(int word) {
        return word >>> 24;
    }

    /** The register an instruction writes, or -1. */
    private static int def(int word) {
        return switch (word & 0xFF) {
            case JMP, JMPIF, JMPIFNOT, RETURN, HALT, EXTRAARG, SETINDEX, SETFIELD -> -1;
            default -> a(word);
        };
    }

    /** Instructions that read the register they write (they update it rather than replace it). */
    private static boolean usesItsTarget(int word) {
        int op = word & 0xFF;
        return op == SCHEMA || op == VALIDATE;
    }

    private static void range(BitSet set, int first, int count) {
        for (int i = 0; i < count; i++) {
            set.set(first + i);
        }
    }

    private static void uses(int word, int pc, int[] code, int[] windowSize, BitSet set) {
        int a = a(word);
        int b = b(word);
        int c = c(word);
        switch (word & 0xFF) {
            case MOVE, OK, ERR, GETFIELD, LEN, NEG, NOT, ISOK, UNWRAP -> set.set(b);
            case NEWLIST -> range(set, a + 1, b);
            case NEWMAP -> range(set, a + 1, 2 * b);
            case NEWRECORD, CALL -> range(set, a + 1, windowSize[pc]);
            case SETFIELD -> {
                set.set(a);
                set.set(c);
            }
            case SETINDEX -> {
                set.set(a);
                set.set(b);
                set.set(c);
            }
            case GETINDEX, APPEND, ADD, SUB, MUL, DIV, MOD, EQ, NE, LT, LE, IN -> {
                set.set(b);
                set.set(c);
            }
            case CONCAT -> range(set, b, c);
            case JMPIF, JMPIFNOT, RETURN, HALT, SCHEMA, VALIDATE -> set.set(a);
            case ISTYPE -> set.set(a + 1);
            case INTRINSIC -> {
                Intrinsic in = Intrinsic.of(b);
                range(set, c, in == null ? 0 : in.arity());
            }
            case TOOLCALL, TOOLSTART -> set.set(c);
            default -> {
            }
        }
    }

    /**
     * Whether instruction {@code word} reads register {@code r} in a way that may keep a reference to its value
     * (a CALL does unless the callee only borrows that parameter).
     */
    private static boolean retains(int word, int pc, int r, int[] windowSize, int[] callee, boolean[][] borrowed) {
        int a = a(word);
        int b = b(word);
        int c = c(word);
        return switch (word & 0xFF) {
            case MOVE, OK, ERR -> b == r;
            case NEWLIST -> r > a && r <= a + b;
            case NEWMAP -> r > a && r <= a + 2 * b;
            case NEWRECORD -> r > a && r <= a + windowSize[pc];
            case CALL -> r > a && r <= a + windowSize[pc] && !borrowed[callee[pc]][r - a - 1];
            case SETFIELD -> a == r || c == r;
            case SETINDEX -> a == r || c == r;
            case APPEND -> c == r || (a == b && b == r);
            case RETURN, TOOLCALL, SCHEMA, VALIDATE -> a == r || ((word & 0xFF) == TOOLCALL && c == r);
            case TOOLSTART -> c == r;
            // e.g. get(m, k, default) may return its default
            case INTRINSIC -> {
                Intrinsic in = Intrinsic.of(b);
                yield in != null && r >= c && r < c + in.arity() && in.def().mayReturn(r - c);
            }
            default -> false;
        };
    }

    private static boolean mutatesInPlace(int word) {
        int op = word & 0xFF;
        return op == SETINDEX || op == SETFIELD || (op == APPEND && a(word) == b(word));
    }

    private static boolean isBorrow(int[] code, int movePc, BitSet[] liveIn, int[] windowSize, int[] callee,
            boolean[][] borrowed) {
        int r = a(code[movePc]);
        for (int pc = movePc + 1; pc < code.length; pc++) {
            if (!liveIn[pc].get(r)) {
                return true; // dead (or about to be overwritten without being read): nothing can see it
            }
            int word = code[pc];
            int op = word & 0xFF;
            if (op == JMP || op == JMPIF || op == JMPIFNOT || op == RETURN || op == HALT) {
                return false; // still live where control leaves the straight line: be conservative
            }
            if (retains(word, pc, r, windowSize, callee, borrowed) || mutatesInPlace(word)) {
                return false;
            }
            if (def(word) == r) {
                return true; // overwritten after its last borrowing read
            }
        }
        return false;
    }

    /**
     * Which parameters of each cell are only borrowed: the cell never changes the parameter's register in
     * place and never keeps a reference to its value beyond the call (storing it in a value, returning it,
     * moving it with a sharing MOVE, passing it to a cell parameter that is not itself borrowed). A caller may
     * pass a list, map or record to such a parameter without marking it shared: while the callee runs the
     * caller is suspended, and when it returns no reference is left. Computed as the greatest fixed point
     * over the module, so recursive cells that pass a parameter along can still borrow it.
     *
     * The MOVEs that must share depend on which parameters are borrowed (a MOVE into a CALL's window is a
     * borrow when the callee borrows that parameter) and the other way round, so both are solved together;
     * {@code sharingOut} receives each cell's {@link #sharingMoves} at the fixed point.
     *
     * @param codes each cell's code
     * @param liveIns each cell's {@link #liveness}
     * @param windows each cell's window sizes by pc
     * @param callees each cell's callee index by pc (-1 for non-CALL instructions)
     * @param params each cell's parameter count
     */
    static boolean[][] borrowedParams(int[][] codes, BitSet[][] liveIns, int[][] windows, int[][] callees, int[] params,
            boolean[][] sharingOut) {
        int cells = codes.length;
        boolean[][] borrowed = new boolean[cells][];
        for (int i = 0; i < cells; i++) {
            borrowed[i] = new boolean[params[i]];
            java.util.Arrays.fill(borrowed[i], true);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int cell = 0; cell < cells; cell++) {
                sharingOut[cell] = sharingMoves(codes[cell], liveIns[cell], windows[cell], callees[cell], borrowed);
            }
            for (int cell = 0; cell < cells; cell++) {
                for (int p = 0; p < params[cell]; p++) {
                    if (borrowed[cell][p] && !paramIsBorrowed(p, codes[cell], sharingOut[cell], windows[cell], callees[cell], borrowed)) {
                        borrowed[cell][p] = false;
                        changed = true;
                    }
                }
            }
        }
        return borrowed;
    }

    private static boolean paramIsBorrowed(int p, int[] code, boolean[] sharing, int[] window, int[] callee, boolean[][] borrowed) {
        for (int pc = 0; pc < code.length; pc++) {
            int word = code[pc];
            int op = word & 0xFF;
            int a = a(word);
            if ((mutatesInPlace(word) && a == p) || ((op == SCHEMA || op == VALIDATE) && a == p)) {
                return false;
            }
            if (op == MOVE) {
                if (b(word) == p && sharing[pc]) {
                    return false;
                }
            } else if (op == CALL) {
                if (p > a && p <= a + window[pc] && !borrowed[callee[pc]][p - a - 1]) {
                    return false;
                }
            } else if (retains(word, pc, p, window, callee, borrowed)) {
                return false;
            }
        }
        return true;
    }
}
