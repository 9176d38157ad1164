package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.truffle.api.debug.Breakpoint;
import com.oracle.truffle.api.debug.DebugScope;
import com.oracle.truffle.api.debug.DebugValue;
import com.oracle.truffle.api.debug.Debugger;
import com.oracle.truffle.api.debug.DebuggerSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * A cell with debug information on the optimizing runtime (every call target compiled on its first call, a
 * failed compilation thrown): without a debugger it compiles, statement table and all, and computes what the
 * interpreter does; a breakpoint set in it once it is compiled still stops it, with its variables.
 */
class CompiledDebuggingTest {
    static final int BODY_LINE = 5;

    /** {@code sum(n)}: the sum of 0..n-1, one statement per line as a document would have them. */
    static Lir module() {
        Cell sum = new Cell("sum").param("n", INT).returns(INT).reg("total", INT).reg("i", INT).reg("one", INT)
                .reg("t", BOOL);
        sum.at(2, 3).statement(13).op(LOADINT, sum.r("total"), 0)
                .at(3, 3).statement(13).op(LOADINT, sum.r("i"), 0).op(LOADINT, sum.r("one"), 1)
                .label("top").at(4, 3).statement(10).op(LT, sum.r("t"), sum.r("i"), sum.r("n"))
                .jump(JMPIFNOT, sum.r("t"), "end")
                .at(BODY_LINE, 5).statement(17).op(ADD, sum.r("total"), sum.r("total"), sum.r("i"))
                .at(6, 5).statement(9).op(ADD, sum.r("i"), sum.r("i"), sum.r("one")).jump(JMP, 0, "top")
                .label("end").at(8, 3).statement(12).op(RETURN, sum.r("total"));
        sum.local("total", 1, sum.pc()).local("i", 2, sum.pc());
        return new Lir().cell(sum);
    }

    private static Value eval(Context context) {
        return context.eval(Source.newBuilder(TestLirLanguage.ID, module().json(), "debugged.lir.json")
                .mimeType(TestLirLanguage.DEBUG_MIME).buildLiteral());
    }

    private static void assertCompiled(ByteArrayOutputStream log) {
        String trace = log.toString(StandardCharsets.UTF_8);
        assertTrue(trace.matches("(?s).*opt done\\s+engine=\\d+\\s+id=\\d+\\s+cell sum\\b.*"), trace);
    }

    @Test
    void aCellWithStatementsCompilesAndComputesTheSameWithoutADebugger() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context context = Lir.compilingContext(log)) {
            Value sum = eval(context).getMember("sum");
            assertEquals(45, sum.execute(10).asLong());
            assertEquals(499500, sum.execute(1000).asLong());
        }
        assertCompiled(log);
    }

    @Test
    void aBreakpointInACompiledCellStopsWithItsVariables() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context context = Lir.compilingContext(log)) {
            Value sum = eval(context).getMember("sum");
            assertEquals(45, sum.execute(10).asLong());
            assertCompiled(log);
            List<Map<String, Long>> stops = new ArrayList<>();
            try (DebuggerSession session = Debugger.find(context.getEngine()).startSession(event -> {
                assertEquals(BODY_LINE, event.getSourceSection().getStartLine());
                Map<String, Long> variables = new LinkedHashMap<>();
                DebugScope scope = event.getTopStackFrame().getScope();
                for (DebugValue v : scope.getDeclaredValues()) {
                    variables.put(v.getName(), v.asLong());
                }
                stops.add(variables);
            })) {
                session.install(Breakpoint.newBuilder(TestLirLanguage.documentUri(DOC)).lineIs(BODY_LINE).build());
                assertEquals(3, sum.execute(3).asLong());
            }
            assertEquals(List.of(Map.of("n", 3L, "total", 0L, "i", 0L), Map.of("n", 3L, "total", 0L, "i", 1L),
                    Map.of("n", 3L, "total", 1L, "i", 2L)), stops);
            // The session is closed: the cell runs (and compiles) on without stopping.
            assertEquals(499500, sum.execute(1000).asLong());
            assertEquals(3, stops.size());
        }
    }
}
