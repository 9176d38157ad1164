package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * The branch profiles of a cell's loop tests: the conditional jumps that leave a loop, either the test at its
 * top (taken to the instruction after the loop's backward JMP) or a backward conditional jump at its bottom
 * (left by falling through).
 *
 * <p>A {@code CountingConditionProfile} compiles a side it has never seen as a deoptimization that invalidates
 * the code. For a loop test that is wrong on the exit side: a long loop is compiled by OSR while it runs, before
 * its exit was ever taken, so its compiled code was invalidated on every exit (once per run of a cell called
 * once, once per call of a cell whose loop is compiled before it first ends) and the rest of the cell ran in the
 * interpreter. Here an unseen exit is compiled as an improbable branch instead; an unseen loop body is still left
 * out of compiled code until it runs, as any unseen branch is.
 */
final class LumenLoopExits {
    private static final byte NONE = 0;
    private static final byte EXIT_ON_JUMP = 1;
    private static final byte EXIT_ON_FALL_THROUGH = 2;

    /** Per profile index: whether that jump is a loop test, and which of its sides leaves the loop. */
    @CompilationFinal(dimensions = 1) private final byte[] exitSide;
    /** Per profile index: the times the interpreter stayed in the loop and left it (constants in compiled code). */
    @CompilationFinal(dimensions = 1) private final int[] stays;
    @CompilationFinal(dimensions = 1) private final int[] exits;

    private LumenLoopExits(byte[] exitSide) {
        this.exitSide = exitSide;
        this.stays = new int[exitSide.length];
        this.exits = new int[exitSide.length];
    }

    /** The loop tests of {@code code}, whose JMPIF and JMPIFNOT at pc have the profile index {@code side[pc]}. */
    static LumenLoopExits of(int[] code, int[] side, int profileCount) {
        byte[] exitSide = new byte[profileCount];
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xFF;
            if (op != LumenBytecodeNode.JMPIF && op != LumenBytecodeNode.JMPIFNOT) {
                continue;
            }
            int target = jumpTarget(code, pc);
            if (target <= pc) {
                exitSide[side[pc]] = EXIT_ON_FALL_THROUGH;
            } else if (target - 1 < code.length && (code[target - 1] & 0xFF) == LumenBytecodeNode.JMP
                    && jumpTarget(code, target - 1) <= pc) {
                exitSide[side[pc]] = EXIT_ON_JUMP;
            }
        }
        return new LumenLoopExits(exitSide);
    }

    private static int jumpTarget(int[] code, int pc) {
        return pc + 1 + (code[pc] >> 16);
    }

    boolean isLoopTest(int profile) {
        return exitSide[profile] != NONE;
    }

    /**
     * Profiles loop test {@code profile} deciding to {@code jump}, and returns {@code jump}. Compiled, the branch
     * carries the interpreter's exit probability, or one in (iterations + 1) when it never saw the loop end.
     */
    boolean profile(int profile, boolean jump) {
        boolean exit = jump == (exitSide[profile] == EXIT_ON_JUMP);
        int stayed = stays[profile];
        int exited = exits[profile];
        if (CompilerDirectives.inInterpreter()) {
            if (exit) {
                if (exited < Integer.MAX_VALUE) {
                    exits[profile] = exited + 1;
                }
            } else if (stayed < Integer.MAX_VALUE) {
                stays[profile] = stayed + 1;
            }
            return jump;
        }
        if (!exit && stayed == 0) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            stays[profile] = 1;
            return jump;
        }
        double exitProbability = exited == 0 ? 1.0 / (stayed + 1.0) : exited / ((double) exited + stayed);
        double jumpProbability = exitSide[profile] == EXIT_ON_JUMP ? exitProbability : 1.0 - exitProbability;
        return CompilerDirectives.injectBranchProbability(jumpProbability, jump);
    }
}
