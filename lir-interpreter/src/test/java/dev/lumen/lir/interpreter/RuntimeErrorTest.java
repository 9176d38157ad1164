package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.Opcode;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.format.TypeDef;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every runtime error: its message, kind and location (the failing instruction's line and column). */
class RuntimeErrorTest {
    static Context context;

    @BeforeAll
    static void open() {
        context = Lir.context();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    /** Runs a cell expected to fail at line 7, column 9 and returns the exception. */
    static PolyglotException fails(Lir lir, String cell, Object... args) {
        Value module = lir.eval(context);
        return assertThrows(PolyglotException.class, () -> module.getMember(cell).execute(args));
    }

    static void assertError(PolyglotException e, String kind, String message, int line, int column) {
        assertTrue(e.isGuestException(), e.toString());
        assertEquals(message, e.getMessage());
        Value guest = e.getGuestObject();
        assertEquals(kind, guest.getMember("kind").asString());
        assertEquals(DOC, guest.getMember("file").asString());
        assertEquals(line, guest.getMember("line").asInt(), "line");
        assertEquals(column, guest.getMember("column").asInt(), "column");
        assertEquals(line, e.getSourceLocation().getStartLine());
        assertEquals(DOC, e.getSourceLocation().getSource().getName());
    }

    /** A cell (x: tx, y: ty) -> tr doing one instruction at 7:9. */
    static Lir binary(Opcode op, LirType tx, LirType ty, LirType tr) {
        Cell c = new Cell("run").param("x", tx).param("y", ty).returns(tr).reg("r", tr);
        c.at(7, 9).op(op, c.r("r"), c.r("x"), c.r("y")).at(8, 3).op(RETURN, c.r("r"));
        return new Lir().cell(c);
    }

    static Lir intrinsic(Intrinsic in, LirType tr, LirType... args) {
        Cell d = new Cell("run").returns(tr);
        for (int i = 0; i < args.length; i++) {
            d.param("a" + i, args[i]);
        }
        d.reg("r", tr);
        d.at(7, 9).op(INTRINSIC, d.r("r"), in.id(), 0).at(8, 3).op(RETURN, d.r("r"));
        return new Lir().cell(d);
    }

    @Test
    void divisionAndRemainderByZero() {
        assertError(fails(binary(DIV, INT, INT, INT), "run", 7, 0), "runtime", "division by zero: 7 / 0", 7, 9);
        assertError(fails(binary(MOD, INT, INT, INT), "run", 7, 0), "runtime", "remainder by zero: 7 % 0", 7, 9);
    }

    @Test
    void intOverflow() {
        assertError(fails(binary(ADD, INT, INT, INT), "run", Long.MAX_VALUE, 1), "runtime",
                "integer overflow: 9223372036854775807 + 1 does not fit in an Int", 7, 9);
        assertError(fails(binary(SUB, INT, INT, INT), "run", Long.MIN_VALUE, 1), "runtime",
                "integer overflow: -9223372036854775808 - 1 does not fit in an Int", 7, 9);
        assertError(fails(binary(MUL, INT, INT, INT), "run", 3037000500L, 3037000500L), "runtime",
                "integer overflow: 3037000500 * 3037000500 does not fit in an Int", 7, 9);
        assertError(fails(binary(DIV, INT, INT, INT), "run", Long.MIN_VALUE, -1), "runtime",
                "integer overflow: -9223372036854775808 / (-1) does not fit in an Int", 7, 9);
        Cell neg = new Cell("run").param("x", INT).returns(INT).reg("r", INT);
        neg.at(7, 9).op(NEG, neg.r("r"), neg.r("x")).op(RETURN, neg.r("r"));
        assertError(fails(new Lir().cell(neg), "run", Long.MIN_VALUE), "runtime",
                "integer overflow: -(-9223372036854775808) does not fit in an Int", 7, 9);
        assertError(fails(intrinsic(Intrinsic.ABS, INT, INT), "run", Long.MIN_VALUE), "runtime",
                "integer overflow: abs(-9223372036854775808) does not fit in an Int", 7, 9);
    }

    @Test
    void indexOutOfRange() {
        assertError(fails(binary(GETINDEX, list(INT), INT, INT), "run", new int[] {1, 2, 3}, 3), "runtime",
                "index 3 is out of range for a list of length 3", 7, 9);
        assertError(fails(binary(GETINDEX, list(INT), INT, INT), "run", new int[] {}, -1), "runtime",
                "index -1 is out of range for a list of length 0", 7, 9);
        Cell set = new Cell("run").param("xs", list(INT)).param("i", INT).returns(list(INT));
        set.at(7, 9).op(SETINDEX, set.r("xs"), set.r("i"), set.r("i")).op(RETURN, set.r("xs"));
        assertError(fails(new Lir().cell(set), "run", new int[] {1}, 5), "runtime",
                "index 5 is out of range for a list of length 1", 7, 9);
    }

    @Test
    void missingMapKey() {
        assertError(fails(binary(GETINDEX, map(INT), STRING, INT), "run", Map.of("a", 1), "b\"c"), "runtime",
                "key \"b\\\"c\" is not in the map", 7, 9);
    }

    @Test
    void conversionsThatCannotBeMade() {
        assertError(fails(intrinsic(Intrinsic.TO_INT, INT, STRING), "run", "12a"), "runtime",
                "to_int: \"12a\" is not a decimal integer", 7, 9);
        assertError(fails(intrinsic(Intrinsic.TO_INT, INT, STRING), "run", "99999999999999999999"), "runtime",
                "to_int: \"99999999999999999999\" does not fit in an Int", 7, 9);
        assertError(fails(intrinsic(Intrinsic.TO_INT, INT, FLOAT), "run", Double.NaN), "runtime",
                "to_int: NaN does not fit in an Int", 7, 9);
        assertError(fails(intrinsic(Intrinsic.TO_INT, INT, FLOAT), "run", 1e19), "runtime",
                "to_int: 10000000000000000000 does not fit in an Int", 7, 9);
        assertError(fails(intrinsic(Intrinsic.TO_FLOAT, FLOAT, STRING), "run", "1.2.3"), "runtime",
                "to_float: \"1.2.3\" is not a decimal number", 7, 9);
        assertError(fails(intrinsic(Intrinsic.TO_JSON, JSON, FLOAT), "run", Double.POSITIVE_INFINITY), "runtime",
                "value has no JSON form: JSON cannot represent Infinity", 7, 9);
    }

    @Test
    void sliceOutOfRangeAndBadRegex() {
        assertError(fails(intrinsic(Intrinsic.SLICE, STRING, STRING, INT, INT), "run", "abc", 2, 1), "runtime",
                "slice: the range 2..1 is not within 0..3 (slice needs 0 <= start <= end <= length)", 7, 9);
        PolyglotException e = fails(intrinsic(Intrinsic.MATCHES, BOOL, STRING, STRING), "run", "abc", "a(");
        assertTrue(e.getMessage().startsWith("matches: invalid regular expression \"a(\": Unclosed group"), e.getMessage());
    }

    @Test
    void haltCarriesItsMessage() {
        Cell c = new Cell("run").param("why", STRING).returns(INT);
        c.at(7, 9).op(HALT, c.r("why"));
        assertError(fails(new Lir().cell(c), "run", "HTTP error: 500"), "halt", "HTTP error: 500", 7, 9);
    }

    @Test
    void haltOfAValidationErrorCarriesItsMessageAndFieldErrors() {
        Cell c = new Cell("run").param("error", nominal("ValidationError")).returns(INT);
        c.at(7, 9).op(HALT, c.r("error"));
        Map<String, Object> fieldError = Map.of("path", "id", "constraint", "required", "expected", "String",
                "actual", "missing", "message", "required");
        PolyglotException e = fails(new Lir().cell(c), "run", Map.of("message", "after 2 attempts: 1 validation error",
                "errors", List.of(fieldError), "attempts", List.of(List.of(fieldError), List.of(fieldError))));
        assertError(e, "halt", "after 2 attempts: 1 validation error", 7, 9);
        assertEquals("id", e.getGuestObject().getMember("errors").getArrayElement(0).getMember("path").asString());
    }

    @Test
    void effectsAreClearErrorsInThisBuild() {
        Lir lir = new Lir().type(new TypeDef.RecordDef("Invoice", List.of(new TypeDef.FieldDef("id", STRING, -1, null))))
                .tool(new ToolDef("Chat", "llm.chat", "1.0.0", null, null, Map.of("model", List.of("m"))));
        Cell tool = new Cell("tool").returns(STRING).reg("r", STRING).reg("args", map(JSON));
        tool.op(NEWMAP, tool.r("args"), 0).at(7, 9).op(TOOLCALL, tool.r("r"), 0, tool.r("args")).op(RETURN, tool.r("r"));
        Cell schema = new Cell("schema").param("text", STRING).returns(nominal("Invoice")).reg("r", nominal("Invoice"));
        schema.op(MOVE, schema.r("r"), schema.r("text")).at(7, 9).word(Instruction.abx(SCHEMA, schema.r("r"), 0))
                .op(RETURN, schema.r("r"));
        Cell validate = new Cell("validate").param("text", STRING).returns(result(nominal("Invoice"), nominal("ValidationError")))
                .reg("r", result(nominal("Invoice"), nominal("ValidationError")));
        validate.op(MOVE, validate.r("r"), validate.r("text")).at(7, 9).word(Instruction.abx(VALIDATE, validate.r("r"), 0))
                .op(RETURN, validate.r("r"));
        lir.cell(tool).cell(schema).cell(validate);
        assertError(fails(lir, "tool"), "unavailable", "tool calls are not available in this build: `Chat` (llm.chat)", 7, 9);
        assertError(fails(lir, "schema", "{}"), "unavailable",
                "schema validation is not available in this build: `expect schema Invoice`", 7, 9);
        assertError(fails(lir, "validate", "{}"), "unavailable",
                "schema validation is not available in this build: `validate(schema Invoice, …)`", 7, 9);
    }

    @Test
    void aPatchThatDoesNotApplyOrDoesNotGiveATIsLocatedAtTheCall() {
        Lir lir = intrinsic(Intrinsic.PATCH, list(INT), list(INT), list(nominal("Patch")));
        assertError(fails(lir, "run", new int[] {1, 2}, new Object[] {Map.of("op", "remove", "path", "/5", "value", 0)}),
                "runtime", "patch: patches[0] (remove \"/5\"): \"/5\" does not exist: the list has 2 elements", 7, 9);
        assertError(fails(lir, "run", new int[] {1, 2}, new Object[] {Map.of("op", "add", "path", "/-", "value", "3")}),
                "runtime", "patch: the patched value is not a valid list[Int]: at `value[2]`: expected Int, found String \"3\"", 7, 9);
    }

    @Test
    void stackTracesNameEachCellWithItsCallSite() {
        // run (calls middle at 20:5) -> middle (calls leaf at 14:7) -> leaf fails at 7:9
        Cell leaf = new Cell("leaf").param("x", INT).returns(INT).reg("z", INT).reg("r", INT);
        leaf.op(LOADINT, leaf.r("z"), 0).at(7, 9).op(DIV, leaf.r("r"), leaf.r("x"), leaf.r("z")).op(RETURN, leaf.r("r"));
        Cell middle = new Cell("middle").param("x", INT).returns(INT).reg("r", INT).reg("a", INT);
        middle.op(MOVE, middle.r("a"), middle.r("x")).at(14, 7).op(CALL, middle.r("r"), 2).op(RETURN, middle.r("r"));
        Cell run = new Cell("run").returns(INT).reg("r", INT).reg("a", INT);
        run.op(LOADINT, run.r("a"), 5).at(20, 5).op(CALL, run.r("r"), 1).op(RETURN, run.r("r"));
        PolyglotException e = fails(new Lir().cell(run).cell(middle).cell(leaf), "run");
        assertError(e, "runtime", "division by zero: 5 / 0", 7, 9);
        Value stack = e.getGuestObject().getMember("stack");
        assertEquals(3, stack.getArraySize());
        assertEquals("{\"cell\": \"leaf\", \"column\": 9, \"file\": \"test.lm.md\", \"line\": 7}", stack.getArrayElement(0).toString());
        assertEquals("{\"cell\": \"middle\", \"column\": 7, \"file\": \"test.lm.md\", \"line\": 14}", stack.getArrayElement(1).toString());
        assertEquals("{\"cell\": \"run\", \"column\": 5, \"file\": \"test.lm.md\", \"line\": 20}", stack.getArrayElement(2).toString());
        // The polyglot stack trace agrees for the callers (hosts and debuggers see the same places).
        List<PolyglotException.StackFrame> guest = new java.util.ArrayList<>();
        e.getPolyglotStackTrace().forEach(f -> {
            if (f.isGuestFrame()) {
                guest.add(f);
            }
        });
        assertEquals(List.of("leaf", "middle", "run"), guest.stream().map(PolyglotException.StackFrame::getRootName).toList());
        assertEquals(14, guest.get(1).getSourceLocation().getStartLine());
        assertEquals(20, guest.get(2).getSourceLocation().getStartLine());
    }

    @Test
    void deepRecursionIsAResourceError() {
        // down(n) = down(n + 1): never returns
        Cell down = new Cell("down").param("n", INT).returns(INT).reg("r", INT).reg("a", INT).reg("one", INT);
        down.op(LOADINT, down.r("one"), 1).op(ADD, down.r("a"), down.r("n"), down.r("one")).op(CALL, down.r("r"), 0)
                .op(RETURN, down.r("r"));
        PolyglotException e = fails(new Lir().cell(down), "down", 0);
        assertTrue(e.isResourceExhausted() || e.getMessage().contains("StackOverflow"), e.toString());
    }

    @Test
    void argumentsThatDoNotFitAreArgumentErrors() {
        Cell c = new Cell("run").param("n", INT).returns(INT);
        c.op(RETURN, 0);
        PolyglotException e = fails(new Lir().cell(c), "run", "seven");
        assertEquals("argument `n` of cell `run`: expected Int, found String \"seven\"", e.getMessage());
        assertEquals("argument", e.getGuestObject().getMember("kind").asString());
        assertTrue(e.getGuestObject().getMember("line").isNull());
    }
}
