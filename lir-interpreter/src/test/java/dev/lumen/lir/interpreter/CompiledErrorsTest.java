package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * A runtime error that compiled code raises on every call (a `where` constraint that indexes an empty list
 * or divides by zero, checked against each reply a model gives) leaves the compiled cell valid: the error
 * is thrown from compiled code (an Int overflow invalidates it once, the first time), so the cell is compiled
 * once or twice, not again on every call until the runtime reports a deoptimization cycle and gives up.
 */
class CompiledErrorsTest {
    /** Calls of each failing cell: past Truffle's deopt cycle detection, which starts after 15 compilations. */
    static final int CALLS = 40;
    /**
     * Compilations a cell may take: the first, and again after its first overflow, or after Truffle's own
     * profiles of the call target (the type of exception it throws, of its arguments) settle.
     */
    static final int MAX_COMPILATIONS = 3;

    record Failing(String message, Object... args) {
    }

    static Lir binary(Lir lir, String name, Opcode op, LirType tx, LirType ty, LirType tr) {
        Cell c = new Cell(name).param("x", tx).param("y", ty).returns(tr).reg("r", tr);
        c.at(7, 9).op(op, c.r("r"), c.r("x"), c.r("y")).op(RETURN, c.r("r"));
        return lir.cell(c);
    }

    static Lir unary(Lir lir, String name, Opcode op, int intrinsic) {
        Cell c = new Cell(name).param("x", INT).returns(INT).reg("r", INT);
        c.at(7, 9).op(op, c.r("r"), intrinsic < 0 ? c.r("x") : intrinsic, c.r("x")).op(RETURN, c.r("r"));
        return lir.cell(c);
    }

    static Lir module() {
        Lir lir = new Lir();
        binary(lir, "get", GETINDEX, list(INT), INT, INT);
        binary(lir, "key", GETINDEX, map(INT), STRING, INT);
        Cell set = new Cell("set").param("x", list(INT)).param("y", INT).returns(list(INT));
        set.at(7, 9).op(SETINDEX, set.r("x"), set.r("y"), set.r("y")).op(RETURN, set.r("x"));
        lir.cell(set);
        binary(lir, "div", DIV, INT, INT, INT);
        binary(lir, "mod", MOD, INT, INT, INT);
        binary(lir, "add", ADD, INT, INT, INT);
        binary(lir, "sub", SUB, INT, INT, INT);
        binary(lir, "mul", MUL, INT, INT, INT);
        unary(lir, "neg", NEG, -1);
        unary(lir, "abs", INTRINSIC, Intrinsic.ABS.id());
        return lir;
    }

    static Map<String, Failing> failures() {
        Map<String, Failing> f = new LinkedHashMap<>();
        f.put("get", new Failing("index 0 is out of range for a list of length 0", new long[] {}, 0));
        f.put("key", new Failing("key \"k\" is not in the map", Map.of(), "k"));
        f.put("set", new Failing("index 0 is out of range for a list of length 0", new long[] {}, 0));
        f.put("div", new Failing("division by zero: 100 / 0", 100, 0));
        f.put("mod", new Failing("remainder by zero: 100 % 0", 100, 0));
        f.put("add", new Failing("integer overflow: 9223372036854775807 + 1 does not fit in an Int", Long.MAX_VALUE, 1));
        f.put("sub", new Failing("integer overflow: -9223372036854775808 - 1 does not fit in an Int", Long.MIN_VALUE, 1));
        f.put("mul", new Failing("integer overflow: 4611686018427387904 * 2 does not fit in an Int", 1L << 62, 2));
        f.put("neg", new Failing("integer overflow: -(-9223372036854775808) does not fit in an Int", Long.MIN_VALUE));
        f.put("abs", new Failing("integer overflow: abs(-9223372036854775808) does not fit in an Int", Long.MIN_VALUE));
        return f;
    }

    @Test
    void aRuntimeErrorRaisedOnEveryCallLeavesTheCellCompiled() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        try (Context ctx = Lir.compilingContext(log)) {
            Value m = module().eval(ctx);
            for (Map.Entry<String, Failing> e : failures().entrySet()) {
                Value cell = m.getMember(e.getKey());
                for (int call = 0; call < CALLS; call++) {
                    PolyglotException error = assertThrows(PolyglotException.class, () -> cell.execute(e.getValue().args()));
                    if (!error.isGuestException() || error.isInternalError()) {
                        problems.add(e.getKey() + ": call " + call + " failed with " + error.getMessage().lines().findFirst().orElse(""));
                        break;
                    }
                    assertEquals(e.getValue().message(), error.getMessage(), e.getKey());
                }
            }
        }
        String trace = log.toString(StandardCharsets.UTF_8);
        for (String cell : failures().keySet()) {
            int compilations = count(trace, "opt done\\s+engine=\\d+\\s+id=\\d+\\s+cell " + cell + "\\s");
            if (compilations < 1 || compilations > MAX_COMPILATIONS) {
                problems.add(cell + ": compiled " + compilations + " times in " + CALLS + " calls");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * The cells compute the same results before their first error and after it, when ADD, SUB and MUL test
     * for overflow explicitly.
     */
    @Test
    void theCellsComputeTheSameResultsBeforeAndAfterAnError() {
        try (Context ctx = Lir.compilingContext()) {
            Value m = module().eval(ctx);
            for (int round = 0; round < 3; round++) {
                assertEquals(2L, m.getMember("get").execute(new long[] {1, 2}, 1).asLong());
                assertEquals(5L, m.getMember("key").execute(Map.of("k", 5), "k").asLong());
                assertEquals("[1, 1]", m.getMember("set").execute(new long[] {1, 2}, 1).toString());
                assertEquals(-3L, m.getMember("div").execute(-7, 2).asLong());
                assertEquals(-1L, m.getMember("mod").execute(-7, 2).asLong());
                assertEquals(Long.MAX_VALUE, m.getMember("add").execute(Long.MAX_VALUE - 1, 1).asLong());
                assertEquals(-1L, m.getMember("add").execute(Long.MAX_VALUE, Long.MIN_VALUE).asLong());
                assertEquals(Long.MIN_VALUE, m.getMember("sub").execute(Long.MIN_VALUE + 1, 1).asLong());
                assertEquals(Long.MAX_VALUE, m.getMember("sub").execute(-1L, Long.MIN_VALUE).asLong());
                assertEquals(Long.MIN_VALUE, m.getMember("mul").execute(1L << 62, -2).asLong());
                assertEquals(-6L, m.getMember("mul").execute(-2, 3).asLong());
                assertEquals(-Long.MAX_VALUE, m.getMember("neg").execute(Long.MAX_VALUE).asLong());
                assertEquals(Long.MAX_VALUE, m.getMember("abs").execute(-Long.MAX_VALUE).asLong());
                for (Map.Entry<String, Failing> e : failures().entrySet()) {
                    PolyglotException error = assertThrows(PolyglotException.class,
                            () -> m.getMember(e.getKey()).execute(e.getValue().args()));
                    assertEquals(e.getValue().message(), error.getMessage(), e.getKey());
                }
            }
        }
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
