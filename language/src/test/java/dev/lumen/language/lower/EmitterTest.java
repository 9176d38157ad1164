package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lumen.language.source.Span;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Opcode;
import org.junit.jupiter.api.Test;

/** Instruction words, EXTRAARG widening, jump patching and the source map. */
class EmitterTest {

    @Test
    void eachInstructionGetsTheCurrentSpan() {
        Emitter e = new Emitter();
        e.at(Span.of(3, 7, 9));
        e.abc(Opcode.MOVE, 1, 0, 0);
        Span previous = e.at(Span.of(4, 2, 5));
        e.abc(Opcode.RETURN, 1, 0, 0);
        e.at(previous);
        e.abc(Opcode.RETURN, 1, 0, 0);
        assertEquals("[3, 4, 3]", java.util.Arrays.toString(e.lines()));
        assertEquals("[7, 2, 7]", java.util.Arrays.toString(e.columns()));
    }

    @Test
    void constantsAreDeduplicated() {
        Emitter e = new Emitter();
        assertEquals(0, e.constant(new Constant.StringConst("a")));
        assertEquals(1, e.constant(new Constant.IntConst(1)));
        assertEquals(2, e.constant(new Constant.FloatConst(1.0)));
        assertEquals(0, e.constant(new Constant.StringConst("a")));
        assertEquals(3, e.constant(new Constant.FloatConst(-0.0)));
        assertEquals(4, e.constant(new Constant.FloatConst(0.0)));
    }

    @Test
    void aWideTableIndexIsFollowedByExtraArg() {
        Emitter e = new Emitter();
        e.abx(Opcode.LOADK, 3, 70_000);
        e.abc(Opcode.GETFIELD, 1, 2, 300);
        int[] code = e.code();
        assertEquals(4, code.length);
        assertEquals(Opcode.LOADK.ordinal(), Instruction.opcode(code[0]));
        assertEquals(70_000 & 0xFFFF, Instruction.bx(code[0]));
        assertEquals(Opcode.EXTRAARG.ordinal(), Instruction.opcode(code[1]));
        assertEquals(70_000, Instruction.widen(Instruction.bx(code[0]), 16, Instruction.ax(code[1])));
        assertEquals(300, Instruction.widen(Instruction.c(code[2]), 8, Instruction.ax(code[3])));
    }

    @Test
    void jumpsArePatchedRelativeToTheNextInstruction() {
        Emitter e = new Emitter();
        int j = e.jump(Opcode.JMPIFNOT, 4);
        e.abc(Opcode.MOVE, 1, 0, 0);
        e.patch(j, e.pc());
        e.patch(e.jump(Opcode.JMP, 0), 0);
        int[] code = e.code();
        assertEquals(1, Instruction.sbx(code[0]));
        assertEquals(4, Instruction.a(code[0]));
        assertEquals(-3, Instruction.sbx(code[2]));
    }

    @Test
    void aJumpBeyondSbxIsALimit() {
        Emitter e = new Emitter();
        e.at(Span.of(5, 3, 4));
        int j = e.jump(Opcode.JMP, 0);
        for (int i = 0; i < Instruction.MAX_SBX + 1; i++) {
            e.abc(Opcode.MOVE, 0, 0, 0);
        }
        LimitExceeded x = assertThrows(LimitExceeded.class, () -> e.patch(j, e.pc()));
        assertEquals(LimitExceeded.Kind.JUMP, x.kind);
        assertEquals(5, x.at.line());
    }
}
