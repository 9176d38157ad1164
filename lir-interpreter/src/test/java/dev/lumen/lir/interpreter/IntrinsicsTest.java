package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pure intrinsics of spec §11. */
class IntrinsicsTest {
    static Context context;

    @BeforeAll
    static void open() {
        context = Lir.context();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    static final LirType[] S = {STRING};
    static final LirType[] SS = {STRING, STRING};

    /** Calls intrinsic {@code in} on arguments of static types {@code types}, the result typed {@code result}. */
    static Value call(Intrinsic in, LirType result, LirType[] types, Object... args) {
        Cell c = new Cell("run").returns(result);
        for (int i = 0; i < types.length; i++) {
            c.param("a" + i, types[i]);
        }
        c.reg("r", result).op(INTRINSIC, c.r("r"), in.id(), 0).op(RETURN, c.r("r"));
        Lir lir = new Lir().type(new TypeDef.RecordDef("Point", List.of(new TypeDef.FieldDef("x", INT, -1, null),
                new TypeDef.FieldDef("y", FLOAT, -1, null)))).type(new TypeDef.EnumDef("Color", List.of("Red", "Green"))).cell(c);
        return lir.eval(context).getMember("run").execute(args);
    }

    @Test
    void length() {
        assertEquals(5, call(Intrinsic.LENGTH, INT, S, "héllo").asInt());
        assertEquals(2, call(Intrinsic.LENGTH, INT, S, "😀x").asInt()); // code points, not UTF-16 units
        assertEquals(3, call(Intrinsic.LENGTH, INT, new LirType[] {list(INT)}, new int[] {1, 2, 3}).asInt());
        assertEquals(1, call(Intrinsic.LENGTH, INT, new LirType[] {map(INT)}, Map.of("a", 1)).asInt());
        // a union register narrowed to a String by ISTYPE: the length of whatever it holds
        Cell c = new Cell("run").param("u", union(STRING, list(INT))).returns(INT).reg("n", INT).reg("t", BOOL)
                .reg("copy", union(STRING, list(INT)));
        c.op(MOVE, c.r("copy"), c.r("u")).word(Instruction.abx(ISTYPE, c.r("t"), 0)).jump(JMPIFNOT, c.r("t"), "list")
                .op(INTRINSIC, c.r("n"), Intrinsic.LENGTH.id(), c.r("u")).op(RETURN, c.r("n"))
                .label("list").op(LOADINT, c.r("n"), -1).op(RETURN, c.r("n"));
        Value m = new Lir().type(new TypeDef.AliasDef("String", STRING)).cell(c).eval(context);
        assertEquals(2, m.getMember("run").execute("ab").asInt());
        assertEquals(-1, m.getMember("run").execute(new int[] {1}).asInt());
    }

    @Test
    void count() {
        assertEquals(2, call(Intrinsic.COUNT, INT, SS, "banana", "an").asInt());
        assertEquals(1, call(Intrinsic.COUNT, INT, SS, "aaa", "aa").asInt()); // non-overlapping
        assertEquals(4, call(Intrinsic.COUNT, INT, SS, "abc", "").asInt());
        assertEquals(2, call(Intrinsic.COUNT, INT, new LirType[] {list(INT), INT}, new int[] {1, 2, 1}, 1).asInt());
    }

    @Test
    void matchesSearchesWithJavaRegex() {
        assertTrue(call(Intrinsic.MATCHES, BOOL, SS, "invoice INV-2024-001", "INV-\\d{4}-\\d{3}").asBoolean());
        assertFalse(call(Intrinsic.MATCHES, BOOL, SS, "nothing", "^\\d+$").asBoolean());
        assertTrue(call(Intrinsic.MATCHES, BOOL, SS, "abc", "b").asBoolean()); // a search, not a full match
    }

    @Test
    void toStringGivesCanonicalText() {
        assertEquals("42", call(Intrinsic.TO_STRING, STRING, new LirType[] {INT}, 42).asString());
        assertEquals("2", call(Intrinsic.TO_STRING, STRING, new LirType[] {FLOAT}, 2.0).asString());
        assertEquals("0.30000000000000004", call(Intrinsic.TO_STRING, STRING, new LirType[] {FLOAT}, 0.1 + 0.2).asString());
        assertEquals("9007199254740992", call(Intrinsic.TO_STRING, STRING, new LirType[] {FLOAT}, 9007199254740993.0).asString());
        assertEquals("NaN", call(Intrinsic.TO_STRING, STRING, new LirType[] {FLOAT}, Double.NaN).asString());
        assertEquals("true", call(Intrinsic.TO_STRING, STRING, new LirType[] {BOOL}, true).asString());
        assertEquals("null", call(Intrinsic.TO_STRING, STRING, new LirType[] {NULL}, (Object) null).asString());
        assertEquals("plain", call(Intrinsic.TO_STRING, STRING, S, "plain").asString());
        assertEquals("[1,2]", call(Intrinsic.TO_STRING, STRING, new LirType[] {list(INT)}, new int[] {1, 2}).asString());
        assertEquals("{\"x\":1,\"y\":2.5}", call(Intrinsic.TO_STRING, STRING, new LirType[] {nominal("Point")},
                Map.of("x", 1, "y", 2.5)).asString());
        assertEquals("Red", call(Intrinsic.TO_STRING, STRING, new LirType[] {nominal("Color")}, "Red").asString());
        assertEquals("{\"ok\":3}", call(Intrinsic.TO_STRING, STRING, new LirType[] {result(INT, STRING)}, Map.of("ok", 3)).asString());
        // a Json string is JSON text (quoted), a String is itself
        assertEquals("\"hi\"", call(Intrinsic.TO_STRING, STRING, new LirType[] {JSON}, "hi").asString());
        assertEquals("hi", call(Intrinsic.TO_STRING, STRING, new LirType[] {union(STRING, INT)}, "hi").asString());
    }

    @Test
    void conversions() {
        assertEquals(-12, call(Intrinsic.TO_INT, INT, S, "-12").asInt());
        assertEquals(7, call(Intrinsic.TO_INT, INT, S, "+7").asInt());
        assertEquals(-2, call(Intrinsic.TO_INT, INT, new LirType[] {FLOAT}, -2.9).asInt());
        assertEquals(2.5e-3, call(Intrinsic.TO_FLOAT, FLOAT, S, "2.5e-3").asDouble());
        assertEquals(0.5, call(Intrinsic.TO_FLOAT, FLOAT, S, ".5").asDouble());
        assertEquals(3.0, call(Intrinsic.TO_FLOAT, FLOAT, new LirType[] {INT}, 3).asDouble());
    }

    @Test
    void toJsonAndHash() {
        Value tree = call(Intrinsic.TO_JSON, JSON, new LirType[] {nominal("Point")}, Map.of("x", 1, "y", 2.5));
        assertTrue(tree.hasHashEntries());
        assertEquals(2.5, tree.getHashValue("y").asDouble());
        assertEquals("Green", call(Intrinsic.TO_JSON, JSON, new LirType[] {nominal("Color")}, "Green").asString());
        // "sha256:" and the SHA-256 of the canonical JSON text "abc" (with quotes)
        String h = call(Intrinsic.HASH, STRING, S, "abc").asString();
        assertTrue(h.matches("sha256:[0-9a-f]{64}"), h);
        assertEquals(dev.lumen.runtime.json.CanonicalJson.sha256("\"abc\""), h);
        assertEquals(call(Intrinsic.HASH, STRING, new LirType[] {map(INT)}, Map.of("b", 1, "a", 2)).asString(),
                dev.lumen.runtime.json.CanonicalJson.sha256("{\"a\":2,\"b\":1}"));
    }

    @Test
    void mapIntrinsicsVisitKeysInUtf16Order() {
        Map<String, Integer> m = Map.of("b", 2, "a", 1, "\uD83D\uDE00", 3, "\uFF5E", 4);
        assertEquals("[\"a\", \"b\", \"😀\", \"～\"]", call(Intrinsic.KEYS, list(STRING), new LirType[] {map(INT)}, m).toString());
        assertEquals("[1, 2, 3, 4]", call(Intrinsic.VALUES, list(INT), new LirType[] {map(INT)}, m).toString());
        assertEquals(2, call(Intrinsic.GET, INT, new LirType[] {map(INT), STRING, INT}, m, "b", 0).asInt());
        assertEquals(-1, call(Intrinsic.GET, INT, new LirType[] {map(INT), STRING, INT}, m, "zz", -1).asInt());
    }

    @Test
    void rangeJoinSplit() {
        assertEquals("[3, 4, 5]", call(Intrinsic.RANGE, list(INT), new LirType[] {INT, INT}, 3, 6).toString());
        assertEquals("[]", call(Intrinsic.RANGE, list(INT), new LirType[] {INT, INT}, 6, 3).toString());
        assertEquals("a, b, c", call(Intrinsic.JOIN, STRING, new LirType[] {list(STRING), STRING}, new String[] {"a", "b", "c"}, ", ").asString());
        assertEquals("[\"a\", \"\", \"b\"]", call(Intrinsic.SPLIT, list(STRING), SS, "a,,b", ",").toString());
        assertEquals("[\"\"]", call(Intrinsic.SPLIT, list(STRING), SS, "", ",").toString());
        assertEquals("[\"h\", \"😀\"]", call(Intrinsic.SPLIT, list(STRING), SS, "h😀", "").toString());
    }

    @Test
    void textIntrinsics() {
        assertEquals("x y", call(Intrinsic.TRIM, STRING, S, " \t x y\n").asString());
        assertEquals("title", call(Intrinsic.LOWER, STRING, S, "TITLE").asString());
        assertEquals("TITLE", call(Intrinsic.UPPER, STRING, S, "title").asString());
        assertEquals("I", call(Intrinsic.UPPER, STRING, S, "i").asString()); // locale-independent
        assertTrue(call(Intrinsic.STARTS_WITH, BOOL, SS, "lumen", "lu").asBoolean());
        assertFalse(call(Intrinsic.ENDS_WITH, BOOL, SS, "lumen", "lu").asBoolean());
        assertEquals("a-b-c", call(Intrinsic.REPLACE, STRING, new LirType[] {STRING, STRING, STRING}, "a b c", " ", "-").asString());
        assertEquals("-a-b-", call(Intrinsic.REPLACE, STRING, new LirType[] {STRING, STRING, STRING}, "ab", "", "-").asString());
        assertEquals("😀b", call(Intrinsic.SLICE, STRING, new LirType[] {STRING, INT, INT}, "a😀bc", 1, 3).asString());
        assertEquals("[2, 3]", call(Intrinsic.SLICE, list(INT), new LirType[] {list(INT), INT, INT}, new int[] {1, 2, 3}, 1, 3).toString());
    }

    @Test
    void numericIntrinsics() {
        assertEquals(5, call(Intrinsic.ABS, INT, new LirType[] {INT}, -5).asInt());
        assertEquals(2.5, call(Intrinsic.ABS, FLOAT, new LirType[] {FLOAT}, -2.5).asDouble());
        assertEquals(-3, call(Intrinsic.MIN, INT, new LirType[] {INT, INT}, -3, 4).asInt());
        assertEquals(4, call(Intrinsic.MAX, INT, new LirType[] {INT, INT}, -3, 4).asInt());
        assertEquals(1.5, call(Intrinsic.MIN, FLOAT, new LirType[] {FLOAT, FLOAT}, 1.5, 2.0).asDouble());
        assertEquals(2.0, call(Intrinsic.MAX, FLOAT, new LirType[] {FLOAT, FLOAT}, 1.5, 2.0).asDouble());
    }

    /**
     * A union register that a test narrowed to one type is an argument of that type: {@code min}, {@code abs} and
     * {@code count} take their path by the value it holds, interpreted and compiled.
     */
    @Test
    void aNarrowedUnionRegisterIsAnArgumentOfItsType() {
        LirType num = union(INT, FLOAT);
        Cell n = new Cell("number").param("u", num).param("b", FLOAT).returns(num)
                .reg("t", BOOL).reg("copy", num).reg("w0", num).reg("w1", num).reg("r", num);
        n.op(MOVE, n.r("copy"), n.r("u")).word(Instruction.abx(ISTYPE, n.r("t"), 0)).jump(JMPIFNOT, n.r("t"), "int")
                .op(MOVE, n.r("w0"), n.r("u")).op(MOVE, n.r("w1"), n.r("b"))
                .op(INTRINSIC, n.r("r"), Intrinsic.MIN.id(), n.r("w0")).op(RETURN, n.r("r"))
                .label("int").op(INTRINSIC, n.r("r"), Intrinsic.ABS.id(), n.r("u")).op(RETURN, n.r("r"));
        LirType text = union(STRING, list(STRING));
        Cell t = new Cell("text").param("u", text).param("part", STRING).returns(INT)
                .reg("t", BOOL).reg("copy", text).reg("w0", text).reg("w1", STRING).reg("r", INT);
        t.op(MOVE, t.r("copy"), t.r("u")).word(Instruction.abx(ISTYPE, t.r("t"), 1)).jump(JMPIFNOT, t.r("t"), "list")
                .op(MOVE, t.r("w0"), t.r("u")).op(MOVE, t.r("w1"), t.r("part"))
                .op(INTRINSIC, t.r("r"), Intrinsic.COUNT.id(), t.r("w0")).op(RETURN, t.r("r"))
                .label("list").op(LOADINT, t.r("r"), -1).op(RETURN, t.r("r"));
        Lir lir = new Lir().type(new TypeDef.AliasDef("Float", FLOAT)).type(new TypeDef.AliasDef("String", STRING))
                .cell(n).cell(t);
        try (Context compiling = Lir.compilingContext()) {
            for (Context ctx : List.of(context, compiling)) {
                Value m = lir.eval(ctx);
                assertEquals(1.0, m.getMember("number").execute(2.5, 1.0).asDouble());
                assertEquals(3, m.getMember("number").execute(-3, 0.0).asInt());
                assertEquals(2, m.getMember("text").execute("banana", "an").asInt());
                assertEquals(-1, m.getMember("text").execute(new String[] {"an"}, "an").asInt());
            }
        }
    }
}
