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

    /**
     * build(n): xs = []; for i in range(0, n): xs = append(xs, i) (APPEND xs, xs, i); returns length(xs).
     * With {@code aliasEachRound}, each round first copies xs to alias, and after the append adds
     * length(alias) to a sum, returned instead: the alias must keep the old length, so the sum is n(n-1)/2.
     */
    static Cell appendLoop(boolean aliasEachRound) {
        Cell c = new Cell("build").param("n", INT).returns(INT)
                .reg("xs", list(INT)).reg("i", INT).reg("one", INT).reg("t", BOOL).reg("alias", list(INT))
                .reg("len", INT).reg("sum", INT);
        c.op(NEWLIST, c.r("xs"), 0).op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("one"), 1).op(LOADINT, c.r("sum"), 0)
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end");
        if (aliasEachRound) {
            c.op(MOVE, c.r("alias"), c.r("xs"));
        }
        c.op(APPEND, c.r("xs"), c.r("xs"), c.r("i"));
        if (aliasEachRound) {
            c.op(LEN, c.r("len"), c.r("alias")).op(ADD, c.r("sum"), c.r("sum"), c.r("len"));
        }
        c.op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(LEN, c.r("i"), c.r("xs"));
        return aliasEachRound ? c.op(RETURN, c.r("sum")) : c.op(RETURN, c.r("i"));
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
            assertEquals(n * (n - 1) / 2, m.getMember("build").execute(n).asInt());
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
                .op(INTRINSIC, c.r("k"), dev.lumen.lir.format.Intrinsic.TO_STRING.id(), c.r("i"))
                .op(SETINDEX, c.r("m"), c.r("k"), c.r("i")).op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(LEN, c.r("i"), c.r("m")).op(RETURN, c.r("i"));
        try (Context ctx = Lir.context()) {
            long before = LumenMap.copiedEntries();
            assertEquals(100_000, new Lir().cell(c).eval(ctx).getMember("index").execute(100_000).asInt());
            assertEquals(0, LumenMap.copiedEntries() - before);
        }
    }

    /**
     * counts[k] = get(counts, k, 0) + 1 in a loop: the map is moved into the intrinsic's argument window,
     * read there, and the window dies; the in-place update must not copy the map each time.
     */
    @Test
    void borrowingAMapForAnIntrinsicDoesNotForceACopy() {
        Cell c = new Cell("tally").param("n", INT).returns(INT)
                .reg("counts", map(INT)).reg("i", INT).reg("one", INT).reg("t", BOOL).reg("k", STRING).reg("v", INT)
                .reg("ten", INT).reg("r", INT).regs(map(INT), STRING, INT);
        int w = c.r("r") + 1;
        c.op(NEWMAP, c.r("counts"), 0).op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("one"), 1).op(LOADINT, c.r("ten"), 10)
                .op(LOADK, c.r("k"), c.kString("9")) // the last key, also when the loop does not run
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end")
                .op(MOD, c.r("r"), c.r("i"), c.r("ten"))
                .op(INTRINSIC, c.r("k"), dev.lumen.lir.format.Intrinsic.TO_STRING.id(), c.r("r"))
                .op(MOVE, w, c.r("counts")).op(MOVE, w + 1, c.r("k")).op(LOADINT, w + 2, 0)
                .op(INTRINSIC, c.r("v"), dev.lumen.lir.format.Intrinsic.GET.id(), w)
                .op(ADD, c.r("v"), c.r("v"), c.r("one"))
                .op(SETINDEX, c.r("counts"), c.r("k"), c.r("v"))
                .op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(GETINDEX, c.r("v"), c.r("counts"), c.r("k")).op(RETURN, c.r("v"));
        try (Context ctx = Lir.context()) {
            long before = LumenMap.copiedEntries();
            assertEquals(10_000, new Lir().cell(c).eval(ctx).getMember("tally").execute(100_000).asInt());
            assertEquals(0, LumenMap.copiedEntries() - before);
        }
    }

    /** A copy that is still read after the original changes must not see the change. */
    @Test
    void aCopyLiveAcrossAnUpdateKeepsItsValue() {
        // w = xs; xs[0] = 9; return [len... ] -> return w (the old list), built so w is live across SETINDEX
        Cell c = new Cell("run").param("xs", list(INT)).returns(list(list(INT))).reg("out", list(list(INT)))
                .reg("w", list(INT)).reg("ys", list(INT)).reg("i", INT).reg("v", INT);
        c.op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("v"), 9)
                .op(NEWLIST, c.r("ys"), 0).op(APPEND, c.r("ys"), c.r("ys"), c.r("v"))
                .op(MOVE, c.r("w"), c.r("ys"))
                .op(SETINDEX, c.r("ys"), c.r("i"), c.r("i"))  // ys[0] = 0; w must still be [9]
                .op(NEWLIST, c.r("out"), 2)                    // [w, ys]
                .op(RETURN, c.r("out"));
        try (Context ctx = Lir.context()) {
            assertEquals("[[9], [0]]", new Lir().cell(c).eval(ctx).getMember("run").execute(new int[0]).toString());
        }
    }

    /** for i < n: xs = append(xs, i); total = total + size(xs) — size only reads its parameter: still linear. */
    @Test
    void passingAListToACellThatOnlyReadsItDoesNotForceACopy() {
        Cell size = new Cell("size").param("xs", list(INT)).returns(INT).reg("n", INT);
        size.op(LEN, size.r("n"), size.r("xs")).op(RETURN, size.r("n"));
        Cell c = new Cell("build").param("n", INT).returns(INT)
                .reg("xs", list(INT)).reg("i", INT).reg("one", INT).reg("t", BOOL).reg("total", INT).reg("s", INT)
                .regs(list(INT));
        c.op(NEWLIST, c.r("xs"), 0).op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("one"), 1).op(LOADINT, c.r("total"), 0)
                .label("top").op(LT, c.r("t"), c.r("i"), c.r("n")).jump(JMPIFNOT, c.r("t"), "end")
                .op(APPEND, c.r("xs"), c.r("xs"), c.r("i"))
                .op(MOVE, c.r("s") + 1, c.r("xs")).op(CALL, c.r("s"), 1)
                .op(ADD, c.r("total"), c.r("total"), c.r("s"))
                .op(ADD, c.r("i"), c.r("i"), c.r("one")).jump(JMP, 0, "top")
                .label("end").op(RETURN, c.r("total"));
        int n = 20_000;
        try (Context ctx = Lir.context()) {
            Value m = new Lir().cell(c).cell(size).eval(ctx);
            long before = LumenList.copiedElements();
            assertEquals((long) n * (n + 1) / 2, m.getMember("build").execute(n).asLong());
            long copied = LumenList.copiedElements() - before;
            assertTrue(copied < 3L * n, "copied " + copied + " elements");
        }
    }

    /** A cell that returns its parameter hands the caller a second reference: updating one leaves the other. */
    @Test
    void aParameterReturnedToTheCallerIsShared() {
        Cell same = new Cell("same").param("xs", list(INT)).returns(list(INT));
        same.op(RETURN, 0);
        Cell c = new Cell("run").param("xs", list(INT)).returns(list(list(INT))).reg("out", list(list(INT)))
                .reg("a", list(INT)).reg("b", list(INT)).reg("arg", list(INT)).reg("i", INT).reg("v", INT);
        c.op(NEWLIST, c.r("a"), 0).op(LOADINT, c.r("v"), 1).op(APPEND, c.r("a"), c.r("a"), c.r("v"))
                .op(MOVE, c.r("arg"), c.r("a")).op(CALL, c.r("b"), 1)  // b = same(a)
                .op(LOADINT, c.r("i"), 0).op(LOADINT, c.r("v"), 9).op(SETINDEX, c.r("a"), c.r("i"), c.r("v")) // a[0] = 9
                .op(NEWLIST, c.r("out"), 2).op(RETURN, c.r("out"));  // [a, b]
        try (Context ctx = Lir.context()) {
            assertEquals("[[9], [1]]", new Lir().cell(c).cell(same).eval(ctx).getMember("run").execute(new int[0]).toString());
        }
    }
}
