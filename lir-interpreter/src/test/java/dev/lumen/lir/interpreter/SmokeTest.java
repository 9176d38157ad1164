package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

class SmokeTest {

    static Cell sum() {
        Cell c = new Cell("sum").param("n", INT).returns(INT).reg("i", INT).reg("acc", INT).reg("one", INT).reg("t", BOOL);
        return c.op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("acc"), 0).op(LOADINT, c.r("one"), 1)
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end")
                .op(ADD, c.r("acc"), c.r("acc"), c.r("i")).op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(RETURN, c.r("acc"));
    }

    @Test
    void sumLoop() {
        try (Context ctx = Lir.context()) {
            Value m = new Lir().cell(sum()).eval(ctx);
            assertEquals(4950L, m.getMember("sum").execute(100).asLong());
        }
    }

    @Test
    void divisionByZeroIsLocated() {
        Cell c = new Cell("run").param("x", INT).returns(INT).reg("z", INT).reg("r", INT);
        c.at(3, 3).op(LOADINT, c.r("z"), 0).at(4, 10).op(DIV, c.r("r"), c.r("x"), c.r("z")).op(RETURN, c.r("r"));
        try (Context ctx = Lir.context()) {
            Cell run = new Cell("main").returns(INT).reg("r", INT).reg("x", INT);
            run.at(10, 7).op(LOADINT, run.r("x"), 7).op(CALL, run.r("r"), 1).op(RETURN, run.r("r"));
            Value m = new Lir().cell(run).cell(c).eval(ctx);
            PolyglotException e2 = assertThrows(PolyglotException.class, () -> m.getMember("main").execute());
            System.out.println(e2.getGuestObject().getMember("stack"));
            for (var f : e2.getPolyglotStackTrace()) {
                if (f.isGuestFrame()) System.out.println(f);
            }
            PolyglotException e = assertThrows(PolyglotException.class, () -> m.getMember("run").execute(7));
            assertEquals("division by zero: 7 / 0", e.getMessage());
            assertEquals(4, e.getSourceLocation().getStartLine());
            assertEquals(10, e.getSourceLocation().getStartColumn());
            System.out.println(e.getGuestObject().getMember("stack"));
            for (var f : e.getPolyglotStackTrace()) {
                System.out.println(f + " guest=" + f.isGuestFrame());
            }
        }
    }
}
