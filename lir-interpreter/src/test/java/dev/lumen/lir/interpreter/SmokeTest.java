package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** A first loop through the polyglot API; its {@link #sum()} cell serves the other suites. */
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
}
