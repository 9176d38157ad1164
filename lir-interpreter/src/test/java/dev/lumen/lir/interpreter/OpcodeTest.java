package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.TypeDef;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The semantics of every opcode, one hand-built cell at a time (Opcode's table is the specification). */
class OpcodeTest {
    static Context context;

    @BeforeAll
    static void open() {
        context = Lir.context();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    static TypeDef invoice() {
        return new TypeDef.RecordDef("Invoice", List.of(new TypeDef.FieldDef("id", STRING, -1, null),
                new TypeDef.FieldDef("total", FLOAT, -1, null)));
    }

    static TypeDef status() {
        return new TypeDef.EnumDef("Status", List.of("Paid", "Open"));
    }

    static Value run(Lir lir, String cell, Object... args) {
        return lir.eval(context).getMember(cell).execute(args);
    }

    static Value run(Cell cell, Object... args) {
        Lir lir = new Lir().type(invoice()).type(status()).cell(cell);
        return run(lir, lir.cells.get(0).name(), args);
    }

    // ---- loads and moves ----

    @Test
    void loadsAndMoves() {
        Cell c = new Cell("run").returns(list(union(INT, STRING, NULL)))
                .reg("i", INT).reg("f", FLOAT).reg("s", STRING).reg("b", BOOL).reg("u", list(union(INT, STRING, NULL)))
                .regs(union(INT, STRING, NULL), union(INT, STRING, NULL), union(INT, STRING, NULL), union(INT, STRING, NULL))
                .reg("n", INT);
        int first = c.r("u") + 1;
        c.op(LOADK, c.r("i"), c.kInt(1L << 40))
                .op(MOVE, first, c.r("i")) // Int into a union: boxed
                .op(LOADK, first + 1, c.kString("text"))
                .op(LOADNULL, first + 2)
                .op(LOADINT, c.r("n"), -32768)
                .op(MOVE, first + 3, c.r("n"))
                .op(NEWLIST, c.r("u"), 4)
                .op(RETURN, c.r("u"));
        assertEquals("[1099511627776, \"text\", null, -32768]", run(c).toString());
    }

    @Test
    void moveNarrowsAUnionToItsMember() {
        // as the front end narrows a match subject: ISTYPE on a copy, then MOVE on the branch where it is an Int
        Cell c = new Cell("run").param("x", union(INT, NULL)).returns(INT).reg("i", INT).reg("one", INT)
                .reg("test", BOOL).reg("copy", union(INT, NULL));
        c.op(MOVE, c.r("copy"), c.r("x")).word(Instruction.abx(ISTYPE, c.r("test"), 2)).jump(JMPIFNOT, c.r("test"), "null")
                .op(MOVE, c.r("i"), c.r("x")).op(LOADINT, c.r("one"), 1).op(ADD, c.r("i"), c.r("i"), c.r("one")).op(RETURN, c.r("i"))
                .label("null").op(LOADINT, c.r("i"), 0).op(RETURN, c.r("i"));
        Lir lir = new Lir().type(invoice()).type(status()).type(new TypeDef.AliasDef("Int", INT)).cell(c);
        assertEquals(42L, run(lir, "run", 41).asLong());
        assertEquals(0L, run(lir, "run", (Object) null).asLong());
    }

    @Test
    void floatAndBoolConstants() {
        Cell c = new Cell("run").returns(STRING).reg("f", FLOAT).reg("b", BOOL).reg("n", NULL).reg("s", STRING);
        c.op(LOADK, c.r("f"), c.kFloat(2.5)).op(LOADBOOL, c.r("b"), 1).op(LOADNULL, c.r("n"))
                .op(CONCAT, c.r("s"), c.r("f"), 3).op(RETURN, c.r("s"));
        assertEquals("2.5truenull", run(c).asString());
    }

    @Test
    void enumConstantsAreTheirVariants() {
        Cell c = new Cell("run").returns(nominal("Status")).reg("s", nominal("Status"));
        c.op(LOADK, c.r("s"), c.k(new Constant.EnumConst(1, 1))).op(RETURN, c.r("s"));
        Value v = run(c);
        assertEquals("Open", v.asString());
        assertEquals("Status", v.getMetaObject().getMetaSimpleName());
    }

    @Test
    void extraArgWidensAConstantIndex() {
        Cell c = new Cell("run").returns(INT).reg("x", INT);
        for (int i = 0; i < 65_536 + 7; i++) {
            c.kInt(i * 3L);
        }
        c.word(Instruction.abx(LOADK, c.r("x"), 5)).word(Instruction.ax(EXTRAARG, 1)).op(RETURN, c.r("x"));
        assertEquals((65_536 + 5) * 3L, run(c).asLong());
    }

    // ---- construction and access ----

    @Test
    void recordsAreBuiltReadAndUpdatedWithValueSemantics() {
        Cell c = new Cell("run").returns(list(nominal("Invoice")))
                .reg("r", nominal("Invoice")).reg("id", STRING).reg("total", FLOAT)
                .reg("copy", nominal("Invoice")).reg("t", FLOAT).reg("out", list(nominal("Invoice")))
                .regs(nominal("Invoice"), nominal("Invoice"));
        int w = c.r("out") + 1;
        c.op(LOADK, c.r("id"), c.kString("A-1")).op(LOADK, c.r("total"), c.kFloat(10.5))
                .word(Instruction.abx(NEWRECORD, c.r("r"), 0))
                .op(MOVE, c.r("copy"), c.r("r"))
                .op(LOADK, c.r("t"), c.kFloat(99.0))
                .op(SETFIELD, c.r("copy"), 1, c.r("t")) // copy.total = 99: r must not change
                .op(MOVE, w, c.r("r")).op(MOVE, w + 1, c.r("copy"))
                .op(NEWLIST, c.r("out"), 2)
                .op(RETURN, c.r("out"));
        Value v = run(c);
        assertEquals(10.5, v.getArrayElement(0).getMember("total").asDouble());
        assertEquals(99.0, v.getArrayElement(1).getMember("total").asDouble());
        assertEquals("A-1", v.getArrayElement(1).getMember("id").asString());
    }

    @Test
    void getFieldReadsByIndex() {
        Cell c = new Cell("run").param("inv", nominal("Invoice")).returns(STRING).reg("s", STRING);
        c.op(GETFIELD, c.r("s"), c.r("inv"), 0).op(RETURN, c.r("s"));
        assertEquals("Z-9", run(c, java.util.Map.of("id", "Z-9", "total", 1.0)).asString());
    }

    @Test
    void listsIndexSetAppendAndLength() {
        Cell c = new Cell("run").returns(list(INT))
                .reg("xs", list(INT)).reg("ys", list(INT)).reg("i", INT).reg("v", INT).reg("n", INT).reg("w", list(INT))
                .regs(INT, INT, INT);
        int w = c.r("w") + 1;
        c.op(LOADINT, w, 10).op(LOADINT, w + 1, 20).op(LOADINT, w + 2, 30).op(NEWLIST, c.r("w"), 3)
                .op(MOVE, c.r("xs"), c.r("w"))
                .op(MOVE, c.r("ys"), c.r("xs"))             // ys aliases xs: a later write must copy
                .op(LOADINT, c.r("i"), 1).op(LOADINT, c.r("v"), 99)
                .op(SETINDEX, c.r("ys"), c.r("i"), c.r("v")) // ys[1] = 99
                .op(APPEND, c.r("ys"), c.r("ys"), c.r("v"))  // ys = ys ++ [99]
                .op(GETINDEX, c.r("n"), c.r("xs"), c.r("i")) // xs[1] is still 20
                .op(APPEND, c.r("ys"), c.r("ys"), c.r("n"))
                .op(LEN, c.r("n"), c.r("xs"))
                .op(APPEND, c.r("ys"), c.r("ys"), c.r("n"))
                .op(APPEND, c.r("w"), c.r("xs"), c.r("n"))   // A != B: a new list, xs unchanged
                .op(LEN, c.r("n"), c.r("w"))
                .op(APPEND, c.r("ys"), c.r("ys"), c.r("n"))
                .op(LEN, c.r("n"), c.r("xs"))
                .op(APPEND, c.r("ys"), c.r("ys"), c.r("n"))
                .op(RETURN, c.r("ys"));
        assertEquals("[10, 99, 30, 99, 20, 3, 4, 3]", run(c).toString());
    }

    @Test
    void mapsGetSetAndLength() {
        Cell c = new Cell("run").returns(list(INT))
                .reg("m", map(INT)).regs(STRING, INT, STRING, INT)
                .reg("k", STRING).reg("v", INT).reg("alias", map(INT)).reg("out", list(INT));
        int w = c.r("m") + 1;
        c.op(LOADK, w, c.kString("b")).op(LOADINT, w + 1, 2).op(LOADK, w + 2, c.kString("a")).op(LOADINT, w + 3, 1)
                .op(NEWMAP, c.r("m"), 2)
                .op(MOVE, c.r("alias"), c.r("m"))
                .op(LOADK, c.r("k"), c.kString("c")).op(LOADINT, c.r("v"), 3)
                .op(SETINDEX, c.r("alias"), c.r("k"), c.r("v")) // adds "c" to alias only
                .op(LOADK, c.r("k"), c.kString("a")).op(LOADINT, c.r("v"), 100)
                .op(SETINDEX, c.r("alias"), c.r("k"), c.r("v")) // replaces "a" in alias only
                .op(NEWLIST, c.r("out"), 0)
                .op(GETINDEX, c.r("v"), c.r("m"), c.r("k")).op(APPEND, c.r("out"), c.r("out"), c.r("v"))
                .op(GETINDEX, c.r("v"), c.r("alias"), c.r("k")).op(APPEND, c.r("out"), c.r("out"), c.r("v"))
                .op(LEN, c.r("v"), c.r("m")).op(APPEND, c.r("out"), c.r("out"), c.r("v"))
                .op(LEN, c.r("v"), c.r("alias")).op(APPEND, c.r("out"), c.r("out"), c.r("v"))
                .op(RETURN, c.r("out"));
        assertEquals("[1, 100, 2, 3]", run(c).toString());
    }

    @Test
    void mapLiteralsKeepTheLastDuplicateAndDisplaySorted() {
        Cell c = new Cell("run").returns(map(INT)).reg("m", map(INT)).regs(STRING, INT, STRING, INT, STRING, INT);
        int w = c.r("m") + 1;
        c.op(LOADK, w, c.kString("zeta")).op(LOADINT, w + 1, 1).op(LOADK, w + 2, c.kString("alpha")).op(LOADINT, w + 3, 2)
                .op(LOADK, w + 4, c.kString("zeta")).op(LOADINT, w + 5, 3).op(NEWMAP, c.r("m"), 3).op(RETURN, c.r("m"));
        assertEquals("{\"alpha\": 2, \"zeta\": 3}", run(c).toString());
    }

    @Test
    void resultsAreBuiltTestedAndUnwrapped() {
        Cell c = new Cell("run").param("x", INT).returns(list(union(BOOL, INT, STRING)))
                .reg("r", result(INT, STRING)).reg("e", result(INT, STRING)).reg("s", STRING).reg("b", BOOL)
                .reg("i", INT).reg("out", list(union(BOOL, INT, STRING))).regs(union(BOOL, INT, STRING), union(BOOL, INT, STRING),
                        union(BOOL, INT, STRING), union(BOOL, INT, STRING));
        int w = c.r("out") + 1;
        c.op(OK, c.r("r"), c.r("x")).op(LOADK, c.r("s"), c.kString("bad")).op(ERR, c.r("e"), c.r("s"))
                .op(ISOK, c.r("b"), c.r("r")).op(MOVE, w, c.r("b"))
                .op(ISOK, c.r("b"), c.r("e")).op(MOVE, w + 1, c.r("b"))
                .op(UNWRAP, c.r("i"), c.r("r")).op(MOVE, w + 2, c.r("i"))
                .op(UNWRAP, c.r("s"), c.r("e")).op(MOVE, w + 3, c.r("s"))
                .op(NEWLIST, c.r("out"), 4).op(RETURN, c.r("out"));
        assertEquals("[true, false, 7, \"bad\"]", run(c, 7).toString());
    }

    @Test
    void resultsReachHostsAsOkOrErrMembers() {
        Cell c = new Cell("run").param("x", INT).returns(result(INT, STRING)).reg("r", result(INT, STRING));
        c.op(OK, c.r("r"), c.r("x")).op(RETURN, c.r("r"));
        Value v = run(c, 3);
        assertTrue(v.hasMember("ok"));
        assertFalse(v.hasMember("err"));
        assertEquals(3, v.getMember("ok").asInt());
        assertEquals(java.util.Set.of("ok"), v.getMemberKeys());
    }

    // ---- arithmetic ----

    static Value binary(dev.lumen.lir.format.Opcode op, dev.lumen.lir.format.LirType t, Object x, Object y) {
        Cell c = new Cell("run").param("x", t).param("y", t).returns(t).reg("r", t);
        c.op(op, c.r("r"), c.r("x"), c.r("y")).op(RETURN, c.r("r"));
        return run(c, x, y);
    }

    static boolean predicate(dev.lumen.lir.format.Opcode op, dev.lumen.lir.format.LirType t, Object x, Object y) {
        Cell c = new Cell("run").param("x", t).param("y", t).returns(BOOL).reg("r", BOOL);
        c.op(op, c.r("r"), c.r("x"), c.r("y")).op(RETURN, c.r("r"));
        return run(c, x, y).asBoolean();
    }

    @Test
    void intArithmetic() {
        assertEquals(7L, binary(ADD, INT, 3, 4).asLong());
        assertEquals(-1L, binary(SUB, INT, 3, 4).asLong());
        assertEquals(12L, binary(MUL, INT, 3, 4).asLong());
        assertEquals(-3L, binary(DIV, INT, -7, 2).asLong()); // truncates toward zero
        assertEquals(-1L, binary(MOD, INT, -7, 2).asLong()); // sign of the dividend
        assertEquals(1L, binary(MOD, INT, 7, -2).asLong());
        assertEquals(Long.MAX_VALUE, binary(ADD, INT, Long.MAX_VALUE - 1, 1).asLong());
        assertEquals(0L, binary(MOD, INT, Long.MIN_VALUE, -1).asLong());
    }

    @Test
    void floatArithmeticIsIeee() {
        assertEquals(0.30000000000000004, binary(ADD, FLOAT, 0.1, 0.2).asDouble());
        assertEquals(Double.POSITIVE_INFINITY, binary(DIV, FLOAT, 1.0, 0.0).asDouble());
        assertTrue(Double.isNaN(binary(DIV, FLOAT, 0.0, 0.0).asDouble()));
        assertEquals(-1.5, binary(MOD, FLOAT, -7.5, 3.0).asDouble());
        assertEquals(6.25, binary(MUL, FLOAT, 2.5, 2.5).asDouble());
        assertEquals(-0.5, binary(SUB, FLOAT, 1.0, 1.5).asDouble());
    }

    @Test
    void addConcatenatesStringsAndLists() {
        assertEquals("ab", binary(ADD, STRING, "a", "b").asString());
        assertEquals("[1, 2, 3]", binary(ADD, list(INT), new int[] {1}, new int[] {2, 3}).toString());
    }

    @Test
    void negationAndNot() {
        Cell c = new Cell("run").param("x", INT).param("f", FLOAT).param("b", BOOL).returns(STRING)
                .reg("s", STRING).regs(INT, FLOAT, BOOL);
        int w = c.r("s") + 1;
        c.op(NEG, w, c.r("x")).op(NEG, w + 1, c.r("f")).op(NOT, w + 2, c.r("b")).op(CONCAT, c.r("s"), w, 3).op(RETURN, c.r("s"));
        assertEquals("-5-0.5false", run(c, 5, 0.5, true).asString());
        assertEquals("92233720368547758070true", run(c, -Long.MAX_VALUE, 0.0, false).asString());
    }

    @Test
    void concatUsesCanonicalText() {
        Cell c = new Cell("run").returns(STRING).reg("s", STRING).regs(STRING, INT, FLOAT, FLOAT, BOOL, NULL, FLOAT, FLOAT);
        int w = c.r("s") + 1;
        c.op(LOADK, w, c.kString("n=")).op(LOADINT, w + 1, -42).op(LOADK, w + 2, c.kFloat(2.0)).op(LOADK, w + 3, c.kFloat(1e21))
                .op(LOADBOOL, w + 4, 0).op(LOADNULL, w + 5).op(LOADK, w + 6, c.kFloat(1.5e-7)).op(LOADK, w + 7, c.kFloat(0.1))
                .op(CONCAT, c.r("s"), w, 8).op(RETURN, c.r("s"));
        assertEquals("n=-4221e+21falsenull1.5e-70.1", run(c).asString());
    }

    // ---- comparisons ----

    @Test
    void equalityIsStructural() {
        assertTrue(predicate(EQ, INT, 3, 3));
        assertTrue(predicate(NE, INT, 3, 4));
        assertFalse(predicate(EQ, FLOAT, Double.NaN, Double.NaN));
        assertTrue(predicate(EQ, FLOAT, 0.0, -0.0));
        assertTrue(predicate(EQ, STRING, "é", "é"));
        assertTrue(predicate(EQ, list(INT), new int[] {1, 2}, new int[] {1, 2}));
        assertFalse(predicate(EQ, list(INT), new int[] {1, 2}, new int[] {2, 1}));
        assertTrue(predicate(EQ, map(INT), java.util.Map.of("a", 1), java.util.Map.of("a", 1)));
        assertTrue(predicate(EQ, nominal("Invoice"), java.util.Map.of("id", "x", "total", 1.0), java.util.Map.of("id", "x", "total", 1.0)));
        assertFalse(predicate(EQ, nominal("Invoice"), java.util.Map.of("id", "x", "total", 1.0), java.util.Map.of("id", "x", "total", 2.0)));
        assertTrue(predicate(EQ, nominal("Status"), "Paid", "Paid"));
        assertFalse(predicate(EQ, nominal("Status"), "Paid", "Open"));
        assertTrue(predicate(EQ, result(INT, STRING), java.util.Map.of("ok", 1), java.util.Map.of("ok", 1)));
        assertFalse(predicate(EQ, result(INT, STRING), java.util.Map.of("ok", 1), java.util.Map.of("err", "1")));
        assertTrue(predicate(EQ, JSON, java.util.Map.of("a", 1), java.util.Map.of("a", 1.0)));
    }

    @Test
    void nullComparesAgainstAUnion() {
        Cell c = new Cell("run").param("x", union(INT, NULL)).returns(BOOL).reg("n", NULL).reg("b", BOOL);
        c.op(LOADNULL, c.r("n")).op(EQ, c.r("b"), c.r("x"), c.r("n")).op(RETURN, c.r("b"));
        assertTrue(run(c, (Object) null).asBoolean());
        assertFalse(run(c, 0).asBoolean());
    }

    @Test
    void orderingOfIntsFloatsAndStrings() {
        assertTrue(predicate(LT, INT, -1, 0));
        assertFalse(predicate(LT, INT, 0, 0));
        assertTrue(predicate(LE, INT, 0, 0));
        assertTrue(predicate(LT, FLOAT, 1.5, 2.0));
        assertFalse(predicate(LE, FLOAT, Double.NaN, 1.0));
        assertTrue(predicate(LT, STRING, "abc", "abd"));
        assertTrue(predicate(LT, STRING, "ab", "abc"));
        // UTF-16 code-unit order, as canonical JSON sorts keys: U+1F600 (surrogates D83D DE00) sorts before U+FF5E.
        assertTrue(predicate(LT, STRING, "\uD83D\uDE00", "\uFF5E"));
        assertFalse(predicate(LT, STRING, "\uFF5E", "\uD83D\uDE00"));
    }

    @Test
    void inLooksInListsMapKeysAndText() {
        Cell l = new Cell("run").param("x", INT).param("xs", list(INT)).returns(BOOL).reg("b", BOOL);
        l.op(IN, l.r("b"), l.r("x"), l.r("xs")).op(RETURN, l.r("b"));
        assertTrue(run(l, 2, new int[] {1, 2}).asBoolean());
        assertFalse(run(l, 3, new int[] {1, 2}).asBoolean());
        Cell m = new Cell("run").param("k", STRING).param("m", map(INT)).returns(BOOL).reg("b", BOOL);
        m.op(IN, m.r("b"), m.r("k"), m.r("m")).op(RETURN, m.r("b"));
        assertTrue(run(m, "a", java.util.Map.of("a", 1)).asBoolean());
        assertFalse(run(m, "b", java.util.Map.of("a", 1)).asBoolean());
        Cell s = new Cell("run").param("part", STRING).param("text", STRING).returns(BOOL).reg("b", BOOL);
        s.op(IN, s.r("b"), s.r("part"), s.r("text")).op(RETURN, s.r("b"));
        assertTrue(run(s, "ell", "hello").asBoolean());
        assertTrue(run(s, "", "hello").asBoolean());
        assertFalse(run(s, "xyz", "hello").asBoolean());
    }

    // ---- control ----

    @Test
    void jumpsBranchBothWays() {
        // max(x, y) with JMPIF and JMPIFNOT
        Cell c = new Cell("run").param("x", INT).param("y", INT).returns(INT).reg("t", BOOL);
        c.op(LT, c.r("t"), c.r("x"), c.r("y")).jump(JMPIF, c.r("t"), "y")
                .op(RETURN, c.r("x"))
                .label("y").op(LE, c.r("t"), c.r("x"), c.r("y")).jump(JMPIFNOT, c.r("t"), "x").op(RETURN, c.r("y"))
                .label("x").op(RETURN, c.r("x"));
        assertEquals(5L, run(c, 5, 3).asLong());
        assertEquals(9L, run(c, 5, 9).asLong());
    }

    @Test
    void isTypeTestsUnionMembers() {
        Lir lir = new Lir().type(invoice()).type(status()).type(new TypeDef.AliasDef("Int", INT))
                .type(new TypeDef.AliasDef("list[Int]", list(INT)));
        LirTypeHolder u = new LirTypeHolder(union(nominal("Invoice"), nominal("Status"), INT, list(INT), NULL));
        Cell c = new Cell("run").param("x", u.type).returns(list(BOOL)).reg("out", list(BOOL))
                .regs(BOOL, BOOL, BOOL, BOOL, BOOL, u.type, BOOL, u.type, BOOL, u.type, BOOL, u.type);
        int w = c.r("out") + 1; // the list's window: w..w+3; then the tests (Bool, copy) from w+4
        for (int t = 0; t < 4; t++) {
            c.op(MOVE, w + 4 + 2 * t + 1, c.r("x")).word(Instruction.abx(ISTYPE, w + 4 + 2 * t, t))
                    .op(MOVE, w + t, w + 4 + 2 * t);
        }
        c.op(NEWLIST, c.r("out"), 4).op(RETURN, c.r("out"));
        lir.cell(c);
        assertEquals("[true, false, false, false]", run(lir, "run", java.util.Map.of("id", "x", "total", 1.0)).toString());
        assertEquals("[false, true, false, false]", run(lir, "run", "Open").toString());
        assertEquals("[false, false, true, false]", run(lir, "run", 4).toString());
        assertEquals("[false, false, false, true]", run(lir, "run", new int[] {4}).toString());
        assertEquals("[false, false, false, false]", run(lir, "run", (Object) null).toString());
    }

    record LirTypeHolder(dev.lumen.lir.format.LirType type) {
    }

    @Test
    void callsPassArgumentsAndRecurse() {
        // fib(n) = n < 2 ? n : fib(n-1) + fib(n-2)
        Cell fib = new Cell("fib").param("n", INT).returns(INT).reg("t", BOOL).reg("two", INT).reg("one", INT)
                .reg("a", INT).reg("a1", INT).reg("b", INT).reg("b1", INT);
        fib.op(LOADINT, fib.r("two"), 2).op(LT, fib.r("t"), fib.r("n"), fib.r("two")).jump(JMPIFNOT, fib.r("t"), "rec")
                .op(RETURN, fib.r("n"))
                .label("rec").op(LOADINT, fib.r("one"), 1)
                .op(SUB, fib.r("a1"), fib.r("n"), fib.r("one")).op(CALL, fib.r("a"), 0)
                .op(SUB, fib.r("b1"), fib.r("n"), fib.r("two")).op(CALL, fib.r("b"), 0)
                .op(ADD, fib.r("a"), fib.r("a"), fib.r("b")).op(RETURN, fib.r("a"));
        assertEquals(6765L, run(fib, 20).asLong());
    }

    @Test
    void calleesCannotObserveOrChangeTheCallersValues() {
        // bump(xs) sets xs[0] = 100 and returns it; the caller's list is unchanged.
        Cell bump = new Cell("bump").param("xs", list(INT)).returns(list(INT)).reg("i", INT).reg("v", INT);
        bump.op(LOADINT, bump.r("i"), 0).op(LOADINT, bump.r("v"), 100).op(SETINDEX, bump.r("xs"), bump.r("i"), bump.r("v"))
                .op(RETURN, bump.r("xs"));
        Cell run = new Cell("run").param("xs", list(INT)).returns(list(list(INT)))
                .reg("out", list(list(INT))).reg("ys", list(INT)).reg("arg", list(INT));
        run.op(MOVE, run.r("arg"), run.r("xs")).op(CALL, run.r("ys"), 1)
                .op(NEWLIST, run.r("out"), 2).op(RETURN, run.r("out"));
        // window after out: ys (= bump result), arg (= original)
        Lir lir = new Lir().cell(run).cell(bump);
        assertEquals("[[100, 2], [1, 2]]", run(lir, "run", new int[] {1, 2}).toString());
    }

    @Test
    void haltStopsWithItsMessage() {
        Cell c = new Cell("run").returns(INT).reg("m", STRING);
        c.op(LOADK, c.r("m"), c.kString("stop here")).op(HALT, c.r("m"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.graalvm.polyglot.PolyglotException.class, () -> run(c));
        assertEquals("stop here", e.getMessage());
        assertEquals("halt", e.getGuestObject().getMember("kind").asString());
    }

    @Test
    void everyOpcodeIsCovered() {
        // A guard for this suite: a new opcode needs a test here (and a case in the interpreter); the effects
        // (TOOLCALL, TOOLSTART, AWAIT, SCHEMA, VALIDATE) are run by CompiledTest and the launcher's tests.
        List<String> names = new ArrayList<>();
        for (var op : dev.lumen.lir.format.Opcode.values()) {
            names.add(op.name());
        }
        assertEquals(45, names.size(), "Opcode changed: " + names);
    }
}
