package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.format.TypeDef;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * Hot cells under the optimizing runtime: every call target is compiled on its first call, in the
 * foreground, and a failed compilation (a bailout, a partial-evaluation assertion) throws. Between them the
 * cells below use every opcode; each must compile and compute the same results as the interpreter.
 */
class CompiledTest {
    static final LirType POINT = nominal("Point");
    static final LirType COLOR = nominal("Color");

    static Lir module() {
        Lir lir = new Lir()
                .type(new TypeDef.RecordDef("Point", List.of(new TypeDef.FieldDef("x", INT, -1, null), new TypeDef.FieldDef("y", FLOAT, -1, null))))
                .type(new TypeDef.EnumDef("Color", List.of("Red", "Green")))
                .type(new TypeDef.AliasDef("Int", INT))
                .tool(new ToolDef("Fetch", "http.get", "1.0.0", null, null, Map.of("domain", List.of("example.com"))));

        // numbers(n): Int and Float loop arithmetic.  sum_{i<n} (i*3 % 7) - i/2 , and a Float accumulator
        Cell num = new Cell("numbers").param("n", INT).returns(FLOAT)
                .reg("i", INT).reg("acc", INT).reg("one", INT).reg("t", BOOL).reg("x", INT).reg("k", INT).reg("f", FLOAT)
                .reg("g", FLOAT).reg("half", FLOAT).reg("neg", INT);
        num.op(LOADINT, num.r("i"), 0).op(LOADINT, num.r("acc"), 0).op(LOADINT, num.r("one"), 1)
                .op(LOADK, num.r("f"), num.kFloat(0.0)).op(LOADK, num.r("half"), num.kFloat(0.5))
                .label("top").op(LT, num.r("t"), num.r("i"), num.r("n")).jump(JMPIFNOT, num.r("t"), "end")
                .op(LOADINT, num.r("k"), 3).op(MUL, num.r("x"), num.r("i"), num.r("k"))
                .op(LOADINT, num.r("k"), 7).op(MOD, num.r("x"), num.r("x"), num.r("k"))
                .op(ADD, num.r("acc"), num.r("acc"), num.r("x"))
                .op(LOADINT, num.r("k"), 2).op(DIV, num.r("x"), num.r("i"), num.r("k"))
                .op(SUB, num.r("acc"), num.r("acc"), num.r("x"))
                .op(INTRINSIC, num.r("g"), Intrinsic.TO_FLOAT.id(), num.r("i"))
                .op(MUL, num.r("g"), num.r("g"), num.r("half")).op(ADD, num.r("f"), num.r("f"), num.r("g"))
                .op(NEG, num.r("neg"), num.r("acc")).op(NEG, num.r("neg"), num.r("neg"))
                .op(ADD, num.r("i"), num.r("i"), num.r("one")).jump(JMP, 0, "top")
                .label("end").op(INTRINSIC, num.r("g"), Intrinsic.TO_FLOAT.id(), num.r("acc"))
                .op(ADD, num.r("f"), num.r("f"), num.r("g")).op(RETURN, num.r("f"));
        lir.cell(num);

        // fib(n): recursion through direct calls. Its two RETURNs read different registers (the first a
        // parameter): compiled, each must read its own register by a constant index, or the frame escapes
        // (the interpreter asserts register numbers are constants, so that fails this compilation)
        Cell fib = new Cell("fib").param("n", INT).returns(INT).reg("t", BOOL).reg("two", INT).reg("one", INT)
                .reg("a", INT).reg("a1", INT).reg("b", INT).reg("b1", INT);
        fib.op(LOADINT, fib.r("two"), 2).op(LT, fib.r("t"), fib.r("n"), fib.r("two")).jump(JMPIFNOT, fib.r("t"), "rec")
                .op(RETURN, fib.r("n"))
                .label("rec").op(LOADINT, fib.r("one"), 1)
                .op(SUB, fib.r("a1"), fib.r("n"), fib.r("one")).op(CALL, fib.r("a"), 1)
                .op(SUB, fib.r("b1"), fib.r("n"), fib.r("two")).op(CALL, fib.r("b"), 1)
                .op(ADD, fib.r("a"), fib.r("a"), fib.r("b")).op(RETURN, fib.r("a"));
        lir.cell(fib);

        // records(n): build points, update a field, compare, results, type tests, enums
        LirType u = union(POINT, COLOR, INT);
        Cell rec = new Cell("records").param("n", INT).returns(STRING)
                .reg("p", POINT).reg("px", INT).reg("py", FLOAT).reg("q", POINT).reg("eq", BOOL).reg("ne", BOOL)
                .reg("r", result(POINT, STRING)).reg("ok", BOOL).reg("back", POINT).reg("c", COLOR).reg("red", COLOR)
                .reg("is", BOOL).reg("uv", u).reg("s", STRING).regs(BOOL, BOOL, BOOL, BOOL, INT);
        int w = rec.r("s") + 1;
        rec.op(MOVE, rec.r("px"), rec.r("n")).op(LOADK, rec.r("py"), rec.kFloat(1.5))
                .word(Instruction.abx(NEWRECORD, rec.r("p"), 0))
                .op(MOVE, rec.r("q"), rec.r("p"))
                .op(EQ, rec.r("eq"), rec.r("p"), rec.r("q"))
                .op(SETFIELD, rec.r("q"), 0, rec.r("n")) // same value: still equal
                .op(LOADK, rec.r("py"), rec.kFloat(2.5)).op(SETFIELD, rec.r("q"), 1, rec.r("py"))
                .op(NE, rec.r("ne"), rec.r("p"), rec.r("q"))
                .op(OK, rec.r("r"), rec.r("q")).op(ISOK, rec.r("ok"), rec.r("r")).op(UNWRAP, rec.r("back"), rec.r("r"))
                .op(GETFIELD, rec.r("py"), rec.r("back"), 1)
                .op(LOADK, rec.r("c"), rec.k(new Constant.EnumConst(1, 1))).op(LOADK, rec.r("red"), rec.k(new Constant.EnumConst(1, 0)))
                .op(EQ, rec.r("is"), rec.r("c"), rec.r("red"))
                .op(MOVE, rec.r("uv"), rec.r("c")).word(Instruction.abx(ISTYPE, rec.r("is") , 1)) // is := uv is Color (uv = is+1)
                .op(MOVE, w, rec.r("eq")).op(MOVE, w + 1, rec.r("ne")).op(MOVE, w + 2, rec.r("ok")).op(MOVE, w + 3, rec.r("is"))
                .op(GETFIELD, w + 4, rec.r("back"), 0)
                .op(CONCAT, rec.r("s"), w, 5)
                .op(CONCAT, rec.r("s"), rec.r("s"), 1)
                .op(RETURN, rec.r("s"));
        lir.cell(rec);

        // collections(n): a list built by APPEND, updated by SETINDEX, read by GETINDEX; a map; IN; keys; LEN
        Cell col = new Cell("collections").param("n", INT).returns(STRING)
                .reg("xs", list(INT)).reg("i", INT).reg("one", INT).reg("t", BOOL).reg("v", INT).reg("len", INT)
                .reg("m", map(INT)).reg("k", STRING).reg("ks", list(STRING)).reg("in", BOOL).reg("nb", BOOL)
                .reg("nul", NULL).reg("s", STRING).regs(INT, INT, BOOL, STRING, NULL);
        int cw = col.r("s") + 1;
        col.op(NEWLIST, col.r("xs"), 0).op(LOADINT, col.r("i"), 0).op(LOADINT, col.r("one"), 1)
                .label("fill").op(LT, col.r("t"), col.r("i"), col.r("n")).jump(JMPIFNOT, col.r("t"), "filled")
                .op(APPEND, col.r("xs"), col.r("xs"), col.r("i")).op(ADD, col.r("i"), col.r("i"), col.r("one")).jump(JMP, 0, "fill")
                .label("filled").op(LOADINT, col.r("i"), 0)
                .op(GETINDEX, col.r("v"), col.r("xs"), col.r("i")).op(ADD, col.r("v"), col.r("v"), col.r("n"))
                .op(SETINDEX, col.r("xs"), col.r("i"), col.r("v"))
                .op(LEN, col.r("len"), col.r("xs"))
                .op(NEWMAP, col.r("m"), 0).op(LOADK, col.r("k"), col.kString("a")).op(SETINDEX, col.r("m"), col.r("k"), col.r("len"))
                .op(INTRINSIC, col.r("ks"), Intrinsic.KEYS.id(), col.r("m"))
                .op(IN, col.r("in"), col.r("k"), col.r("m"))
                .op(LE, col.r("nb"), col.r("len"), col.r("n"))
                .jump(JMPIF, col.r("nb"), "skip").op(LOADBOOL, col.r("in"), 0)
                .label("skip").op(NOT, col.r("nb"), col.r("nb")).op(LOADNULL, col.r("nul"))
                .op(GETINDEX, cw, col.r("xs"), col.r("i")).op(GETINDEX, cw + 1, col.r("m"), col.r("k"))
                .op(MOVE, cw + 2, col.r("in")).op(GETINDEX, cw + 3, col.r("ks"), col.r("i")).op(MOVE, cw + 4, col.r("nul"))
                .op(CONCAT, col.r("s"), cw, 5).op(RETURN, col.r("s"));
        lir.cell(col);

        // text(s): intrinsics on strings
        Cell text = new Cell("text").param("s", STRING).returns(STRING)
                .reg("parts", list(STRING)).reg("sep", STRING).reg("u", STRING).reg("n", INT).reg("b", BOOL)
                .reg("out", STRING).regs(STRING, STRING, STRING).reg("tmp", STRING).regs(STRING, STRING)
                .reg("joined", list(STRING)).regs(STRING);
        int tw = text.r("out") + 1;
        int jw = text.r("joined");
        text.op(LOADK, text.r("sep"), text.kString(",")).op(MOVE, tw, text.r("s")).op(MOVE, tw + 1, text.r("sep"))
                .op(INTRINSIC, text.r("parts"), Intrinsic.SPLIT.id(), tw)
                .op(LOADK, text.r("u"), text.kString("-")).op(MOVE, jw, text.r("parts")).op(MOVE, jw + 1, text.r("u"))
                .op(INTRINSIC, text.r("u"), Intrinsic.JOIN.id(), jw)
                .op(INTRINSIC, text.r("u"), Intrinsic.UPPER.id(), text.r("u"))
                .op(LOADK, tw + 1, text.kString("\\d+")).op(MOVE, tw, text.r("s"))
                .op(INTRINSIC, text.r("b"), Intrinsic.MATCHES.id(), tw)
                .op(INTRINSIC, text.r("n"), Intrinsic.LENGTH.id(), text.r("s"))
                .op(MOVE, tw, text.r("u")).op(LOADK, tw + 1, text.kString("A")).op(LOADK, tw + 2, text.kString("a"))
                .op(INTRINSIC, text.r("u"), Intrinsic.REPLACE.id(), tw)
                .op(INTRINSIC, text.r("tmp"), Intrinsic.TO_STRING.id(), text.r("n"))
                .op(MOVE, tw, text.r("u")).op(MOVE, tw + 1, text.r("tmp"))
                .op(INTRINSIC, tw + 2, Intrinsic.TO_STRING.id(), text.r("b"))
                .op(CONCAT, text.r("out"), tw, 3).op(RETURN, text.r("out"));
        lir.cell(text);

        // effects(x): halts for negative x, otherwise fails at the tool call / started call / schema / validate it is
        // asked for
        Cell fx = new Cell("effects").param("x", INT).returns(STRING).reg("zero", INT).reg("t", BOOL).reg("msg", STRING)
                .reg("args", map(JSON)).reg("r", STRING).reg("p", POINT).reg("v", result(POINT, nominal("ValidationError"))).reg("one", INT);
        fx.op(LOADINT, fx.r("zero"), 0).op(LT, fx.r("t"), fx.r("x"), fx.r("zero")).jump(JMPIFNOT, fx.r("t"), "tool")
                .op(LOADK, fx.r("msg"), fx.kString("negative")).op(HALT, fx.r("msg"))
                .label("tool").op(EQ, fx.r("t"), fx.r("x"), fx.r("zero")).jump(JMPIFNOT, fx.r("t"), "started")
                .op(NEWMAP, fx.r("args"), 0).op(TOOLCALL, fx.r("r"), 0, fx.r("args")).op(RETURN, fx.r("r"))
                .label("started").op(LOADINT, fx.r("one"), 3).op(EQ, fx.r("t"), fx.r("x"), fx.r("one")).jump(JMPIFNOT, fx.r("t"), "schema")
                .op(NEWMAP, fx.r("args"), 0).op(TOOLSTART, fx.r("r"), 0, fx.r("args")).op(AWAIT, fx.r("r"))
                .op(RETURN, fx.r("r"))
                .label("schema").op(LOADINT, fx.r("one"), 1).op(EQ, fx.r("t"), fx.r("x"), fx.r("one")).jump(JMPIFNOT, fx.r("t"), "validate")
                .op(LOADK, fx.r("p"), fx.kString("{}")).word(Instruction.abx(SCHEMA, fx.r("p"), 0))
                .op(LOADK, fx.r("msg"), fx.kString("valid")).op(RETURN, fx.r("msg"))
                .label("validate").op(LOADK, fx.r("v"), fx.kString("{}")).word(Instruction.abx(VALIDATE, fx.r("v"), 0))
                .word(Instruction.ax(EXTRAARG, 0)).op(LOADK, fx.r("msg"), fx.kString("valid")).op(RETURN, fx.r("msg"));
        lir.cell(fx);

        // inc(v) = v + 1, called by across(n)
        Cell inc = new Cell("inc").param("v", INT).returns(INT).reg("one", INT).reg("w", INT);
        inc.op(LOADINT, inc.r("one"), 1).op(ADD, inc.r("w"), inc.r("v"), inc.r("one")).op(RETURN, inc.r("w"));
        lir.cell(inc);

        // across(n): values of every kind live across a call, next to registers that die at it (the argument,
        // a comparison); compiled code clears the dead ones before the call and must keep the live ones
        Cell across = new Cell("across").param("n", INT).returns(STRING)
                .reg("x", INT).reg("f", FLOAT).reg("ok", BOOL).reg("s", STRING).reg("xs", list(INT)).reg("item", INT).reg("three", INT)
                .reg("dead", BOOL).reg("res", INT).reg("arg", INT).reg("out", STRING).regs(INT, INT, FLOAT, BOOL, STRING, list(INT));
        int aw = across.r("out") + 1;
        across.op(LOADINT, across.r("three"), 3).op(MUL, across.r("x"), across.r("n"), across.r("three"))
                .op(LOADK, across.r("f"), across.kFloat(0.5)).op(LT, across.r("ok"), across.r("n"), across.r("x"))
                .op(LOADK, across.r("s"), across.kString("s")).op(MOVE, across.r("item"), across.r("n"))
                .op(NEWLIST, across.r("xs"), 1)
                .op(EQ, across.r("dead"), across.r("n"), across.r("x")).op(MOVE, across.r("arg"), across.r("x"))
                .op(CALL, across.r("res"), 6)
                .op(MOVE, aw, across.r("res")).op(MOVE, aw + 1, across.r("n")).op(MOVE, aw + 2, across.r("f"))
                .op(MOVE, aw + 3, across.r("ok")).op(MOVE, aw + 4, across.r("s")).op(MOVE, aw + 5, across.r("xs"))
                .op(CONCAT, across.r("out"), aw, 6).op(RETURN, across.r("out"));
        lir.cell(across);
        return lir;
    }

    static final List<String> CELLS = List.of("numbers", "fib", "records", "collections", "text", "effects", "inc", "across");

    static void exercise(Context ctx, Value m) {
        assertEquals(expectedNumbers(50), m.getMember("numbers").execute(50).asDouble());
        assertEquals(610L, m.getMember("fib").execute(15).asLong());
        assertEquals("1340.5trues[4]", m.getMember("across").execute(4).asString());
        assertEquals("truetruetruetrue7", m.getMember("records").execute(7).asString());
        assertEquals("55truea", m.getMember("collections").execute(5).asString().substring(0, 7));
        assertEquals("a-B-C5false", m.getMember("text").execute("a,b,c").asString());
        PolyglotException halt = assertThrows(PolyglotException.class, () -> m.getMember("effects").execute(-1));
        assertEquals("negative", halt.getMessage());
        PolyglotException tool = assertThrows(PolyglotException.class, () -> m.getMember("effects").execute(0));
        assertTrue(tool.getMessage().startsWith("tool calls are not available"), tool.getMessage());
        PolyglotException started = assertThrows(PolyglotException.class, () -> m.getMember("effects").execute(3));
        assertTrue(started.getMessage().startsWith("tool calls are not available"), started.getMessage());
        PolyglotException schema = assertThrows(PolyglotException.class, () -> m.getMember("effects").execute(1));
        assertTrue(schema.getMessage().contains("`expect schema Point`"), schema.getMessage());
        PolyglotException validate = assertThrows(PolyglotException.class, () -> m.getMember("effects").execute(2));
        assertTrue(validate.getMessage().contains("`validate(schema Point, …)`"), validate.getMessage());
    }

    static double expectedNumbers(int n) {
        long acc = 0;
        double f = 0;
        for (int i = 0; i < n; i++) {
            acc += (i * 3L) % 7;
            acc -= i / 2;
            f += i * 0.5;
        }
        return f + acc;
    }

    @Test
    void theInterpreterComputesTheExpectedResults() {
        try (Context ctx = Lir.context()) {
            exercise(ctx, module().eval(ctx));
        }
    }

    @Test
    void everyCellCompilesWithoutBailoutAndAgrees() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context ctx = Lir.compilingContext(log)) {
            Value m = module().eval(ctx);
            for (int round = 0; round < 3; round++) {
                exercise(ctx, m);
            }
        }
        String trace = log.toString(StandardCharsets.UTF_8);
        assertFalse(trace.contains("opt failed"), trace);
        for (String cell : CELLS) {
            assertTrue(trace.contains("opt done") && trace.matches("(?s).*opt done\\s+engine=\\d+\\s+id=\\d+\\s+cell " + cell + "\\b.*"),
                    "cell " + cell + " was not compiled:\n" + trace);
        }
    }

    /**
     * The loop is compiled by OSR before its exit was ever taken; the compiled loop leaves it without
     * invalidating its code (an unseen exit used to). The one "opt deopt" left is Truffle's own, non-invalidating
     * return from OSR code to the interpreter's frame ({@code BytecodeOSRMetadata.restoreFrame}).
     */
    @Test
    void aLongLoopInACellCalledOnceIsCompiledByOsrAndLeftWithoutDeoptimizing() {
        String trace = osrTrace(new Lir().cell(SmokeTest.sum()), "sum", 10_000_000, 49_999_995_000_000L);
        assertTrue(trace.contains("opt done") && trace.contains("OSR"), trace);
        assertFalse(trace.contains("opt inval"), trace);
    }

    /** The same for a loop tested at its bottom, left by falling through its backward conditional jump. */
    @Test
    void aLoopTestedAtItsBottomIsLeftWithoutDeoptimizing() {
        Cell c = new Cell("countdown").param("n", INT).returns(INT).reg("acc", INT).reg("one", INT).reg("t", BOOL)
                .reg("zero", INT);
        c.op(LOADINT, c.r("acc"), 0).op(LOADINT, c.r("one"), 1).op(LOADINT, c.r("zero"), 0)
                .label("top").op(ADD, c.r("acc"), c.r("acc"), c.r("n")).op(SUB, c.r("n"), c.r("n"), c.r("one"))
                .op(LT, c.r("t"), c.r("zero"), c.r("n")).jump(JMPIF, c.r("t"), "top")
                .op(RETURN, c.r("acc"));
        String trace = osrTrace(new Lir().cell(c), "countdown", 10_000_000, 50_000_005_000_000L);
        assertTrue(trace.contains("opt done") && trace.contains("OSR"), trace);
        assertFalse(trace.contains("opt inval"), trace);
    }

    /** Runs {@code cell(n)} once, expecting {@code expected}, with OSR early; returns the compilation trace. */
    private static String osrTrace(Lir lir, String cell, long n, long expected) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context ctx = Context.newBuilder(TestLirLanguage.ID).allowExperimentalOptions(true)
                .option("engine.BackgroundCompilation", "false")
                .option("engine.OSRCompilationThreshold", "5000")
                .option("engine.CompilationFailureAction", "Throw")
                .option("engine.TraceCompilation", "true")
                .logHandler(log).build()) {
            Value m = lir.eval(ctx);
            assertEquals(expected, m.getMember(cell).execute(n).asLong());
        }
        return log.toString(StandardCharsets.UTF_8);
    }
}
