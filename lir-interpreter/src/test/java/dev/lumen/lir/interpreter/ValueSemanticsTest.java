package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * Value semantics without quadratic copying: a list or map is changed in place while nothing else can see
 * it, and copied once when something might. Linearity is asserted by counting copied elements, not by time.
 */
class ValueSemanticsTest {

    /** build(n): xs = []; for i in range(0, n): xs = append(xs, i); return length(xs) (APPEND xs, xs, i). */
    static Cell appendLoop(boolean aliasEachRound) {
        Cell c = new Cell("build").param("n", INT).returns(INT)
                .reg("xs", list(INT)).reg("i", INT).reg("one", INT).reg("t", BOOL).reg("alias", list(INT));
        c.op(NEWLIST, c.r("xs"), 0).op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("one"), 1)
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end");
        if (aliasEachRound) {
            c.op(MOVE, c.r("alias"), c.r("xs"));
        }
        c.op(APPEND, c.r("xs"), c.r("xs"), c.r("i")).op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(LEN, c.r("i"), c.r("xs")).op(RETURN, c.r("i"));
        return c;
    }

    @Test
    void appendingInALoopIsLinear() {
        int n = 200_000;
        try (Context ctx = Lir.context()) {
            Value m = new Lir().cell(appendLoop(false)).eval(ctx);
            long before = LumenList.copiedElements();
            assertEquals(n, m.getMember("build").execute(n).asInt());
            long copied = LumenList.copiedElements() - before;
            // Growth by half again each time copies fewer than 3n elements in all; a copy per append would be n²/2.
            assertTrue(copied < 3L * n, "copied " + copied + " elements to append " + n);
        }
    }

    @Test
    void aliasingForcesCopiesSoTheAliasKeepsItsValue() {
        // With `alias = xs` before every append, each append must copy: the alias must not see the new item.
        int n = 300;
        try (Context ctx = Lir.context()) {
            Value m = new Lir().cell(appendLoop(true)).eval(ctx);
            long before = LumenList.copiedElements();
            assertEquals(n, m.getMember("build").execute(n).asInt());
            long copied = LumenList.copiedElements() - before;
            assertTrue(copied >= (long) n * (n - 1) / 2, "copied " + copied);
        }
    }

    @Test
    void updatingAListPassedInCopiesItOnce() {
        // bump_all(xs): for i < len(xs): xs[i] = xs[i] + 1 — xs comes from the caller (shared): one copy, then in place.
        Cell c = new Cell("bump_all").param("xs", list(INT)).returns(list(INT))
                .reg("i", INT).reg("n", INT).reg("one", INT).reg("t", BOOL).reg("v", INT);
        c.op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("one"), 1).op(LEN, c.r("n"), c.r("xs"))
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end")
                .op(GETINDEX, c.r("v"), c.r("xs"), c.r("i")).op(ADD, c.r("v"), c.r("v"), c.r("one"))
                .op(SETINDEX, c.r("xs"), c.r("i"), c.r("v")).op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(RETURN, c.r("xs"));
        int n = 50_000;
        try (Context ctx = Lir.context()) {
            Value m = new Lir().cell(c).eval(ctx);
            int[] input = new int[n];
            Value original = m.getMember("bump_all").execute(input); // a Lumen list of zeros... bumped
            long before = LumenList.copiedElements();
            Value bumped = m.getMember("bump_all").execute(original); // the host holds `original`: copied once
            long copied = LumenList.copiedElements() - before;
            assertEquals(n, copied);
            assertEquals(1, original.getArrayElement(n - 1).asInt());
            assertEquals(2, bumped.getArrayElement(n - 1).asInt());
        }
    }

    @Test
    void settingMapKeysInALoopIsLinear() {
        // m = {}; for i < n: m[to_string(i)] = i
        Cell c = new Cell("index").param("n", INT).returns(INT)
                .reg("m", map(INT)).reg("i", INT).reg("one", INT).reg("t", BOOL).reg("k", STRING);
        c.op(NEWMAP, c.r("m"), 0).op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("one"), 1)
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end")
                .op(INTRINSIC, c.r("k"), dev.lumen.lir.format.Intrinsic.TO_STRING.ordinal(), c.r("i"))
                .op(SETINDEX, c.r("m"), c.r("k"), c.r("i")).op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(LEN, c.r("i"), c.r("m")).op(RETURN, c.r("i"));
        try (Context ctx = Lir.context()) {
            long before = LumenMap.copiedEntries();
            assertEquals(100_000, new Lir().cell(c).eval(ctx).getMember("index").execute(100_000).asInt());
            assertEquals(0, LumenMap.copiedEntries() - before);
        }
    }
}
