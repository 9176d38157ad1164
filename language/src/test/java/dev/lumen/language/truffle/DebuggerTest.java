package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.truffle.api.debug.Breakpoint;
import com.oracle.truffle.api.debug.DebugScope;
import com.oracle.truffle.api.debug.DebugStackFrame;
import com.oracle.truffle.api.debug.DebugValue;
import com.oracle.truffle.api.debug.Debugger;
import com.oracle.truffle.api.debug.DebuggerSession;
import com.oracle.truffle.api.debug.SuspendAnchor;
import com.oracle.truffle.api.debug.SuspendedEvent;
import com.oracle.truffle.api.source.SourceSection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cells under Truffle's debugger (the in-process API the Chrome inspector and the DAP server are built on):
 * breakpoints by line of the `.lm.md` document, scopes with the cell's variables, stepping, conditions, and
 * pauses on `halt` and on validation failures.
 */
class DebuggerTest {
    /** Prose above the code: Markdown lines are not lines of the code block. */
    static final String DOCUMENT = """
            # Debugging a cell

            Some prose, so that the code starts
            further down the document.

            ```lumen
            record Point
              x: Int
              y: Int
            end

            cell square(n: Int) -> Int
              let s = n * n
              return s
            end

            cell run() -> Int
              let p = Point { x: 3, y: 4 }
              let xs = [1, 2, 3]
              let mut total = 0
              for x in xs
                total = total + square(x)
              end
              return total + p.x
            end
            ```
            """;
    static final int SQUARE_LET = 13;
    static final int RUN_FIRST = 18;
    static final int RUN_TOTAL = 20;
    static final int RUN_FOR = 21;
    static final int RUN_LOOP_BODY = 22;
    static final int RUN_RETURN = 24;

    private Context context;
    private DebuggerSession session;
    private final Deque<Consumer<SuspendedEvent>> script = new ArrayDeque<>();
    private final List<String> stops = new ArrayList<>();

    @BeforeEach
    void start() {
        context = Context.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false").build();
        session = Debugger.find(context.getEngine()).startSession(event -> {
            SourceSection at = event.getSourceSection();
            stops.add(event.getTopStackFrame().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn());
            Consumer<SuspendedEvent> next = script.poll();
            if (next == null) {
                throw new AssertionError("unexpected stop at " + stops.get(stops.size() - 1));
            }
            next.accept(event);
        });
    }

    @AfterEach
    void close() {
        session.close();
        context.close();
    }

    private Source document(String text) {
        return Source.newBuilder(LumenLanguage.ID, text, "debugged.lm.md").buildLiteral();
    }

    private Value run(Source source, String cell) {
        return context.eval(source).getMember(cell).execute();
    }

    private void breakAt(Source source, int line) {
        session.install(Breakpoint.newBuilder(source.getURI()).lineIs(line).build());
    }

    /** The variables of the top frame, by name, as the debugger shows them. */
    private static Map<String, String> variables(SuspendedEvent event) {
        return variables(event.getTopStackFrame());
    }

    private static Map<String, String> variables(DebugStackFrame frame) {
        Map<String, String> shown = new LinkedHashMap<>();
        DebugScope scope = frame.getScope();
        assertNotNull(scope, "no scope in " + frame.getName());
        for (DebugValue v : scope.getDeclaredValues()) {
            shown.put(v.getName(), v.toDisplayString());
        }
        return shown;
    }

    @Test
    void breakpointStopsAtTheLineAndColumnOfTheDocument() {
        Source source = document(DOCUMENT);
        breakAt(source, RUN_TOTAL);
        script.add(event -> {
            SourceSection at = event.getSourceSection();
            assertEquals(RUN_TOTAL, at.getStartLine());
            assertEquals(3, at.getStartColumn());
            assertEquals("let mut total = 0", at.getCharacters().toString());
            assertTrue(event.isBreakpointHit());
            assertEquals(SuspendAnchor.BEFORE, event.getSuspendAnchor());
        });
        assertEquals(17, run(source, "run").asLong());
        assertEquals(List.of("run:" + RUN_TOTAL + ":3"), stops);
    }

    @Test
    void scopeShowsParametersAndLetVariablesInScopeWithTheirValues() {
        Source source = document(DOCUMENT);
        breakAt(source, RUN_TOTAL);
        breakAt(source, SQUARE_LET + 1);
        script.add(event -> {
            // `total` is declared by this statement: not in scope yet.
            assertEquals(List.of("p", "xs"), List.copyOf(variables(event).keySet()));
            DebugScope scope = event.getTopStackFrame().getScope();
            DebugValue p = scope.getDeclaredValue("p");
            assertEquals(3, p.getProperty("x").asInt());
            assertEquals(4, p.getProperty("y").asInt());
            DebugValue xs = scope.getDeclaredValue("xs");
            assertTrue(xs.isArray());
            assertEquals(List.of(1, 2, 3), xs.getArray().stream().map(DebugValue::asInt).toList());
        });
        script.add(event -> {
            assertEquals(Map.of("n", "1", "s", "1"), variables(event));
            // The caller's frame shows its variables at the call.
            List<DebugStackFrame> frames = new ArrayList<>();
            event.getStackFrames().forEach(frames::add);
            assertEquals(List.of("square", "run"), frames.stream().map(DebugStackFrame::getName).toList());
            assertEquals(RUN_LOOP_BODY, frames.get(1).getSourceSection().getStartLine());
            Map<String, String> caller = variables(frames.get(1));
            assertEquals("1", caller.get("x"));
            assertEquals("0", caller.get("total"));
            event.getSession().getBreakpoints().forEach(b -> b.setEnabled(false));
        });
        assertEquals(17, run(source, "run").asLong());
        assertEquals(2, stops.size());
    }

    @Test
    void stepOverMovesToTheNextStatementAndStepIntoAndOutFollowCalls() {
        Source source = document(DOCUMENT);
        breakAt(source, RUN_TOTAL);
        script.add(event -> event.prepareStepOver(1));
        script.add(event -> {
            assertEquals(Map.of("p", "Point { x: 3, y: 4 }", "xs", "[1, 2, 3]", "total", "0").keySet(), variables(event).keySet());
            event.prepareStepOver(1);
        });
        script.add(event -> event.prepareStepInto(1));
        script.add(event -> {
            assertEquals(Map.of("n", "1"), variables(event));
            event.prepareStepOver(1);
        });
        script.add(event -> event.prepareStepOut(1));
        script.add(event -> {
            assertEquals(SuspendAnchor.AFTER, event.getSuspendAnchor());
            assertEquals(1, event.getReturnValue().asInt());
            event.prepareStepOver(1);
        });
        script.add(event -> event.prepareContinue());
        assertEquals(17, run(source, "run").asLong());
        assertEquals(List.of("run:" + RUN_TOTAL + ":3", "run:" + RUN_FOR + ":3", "run:" + RUN_LOOP_BODY + ":5",
                "square:" + SQUARE_LET + ":3", "square:" + (SQUARE_LET + 1) + ":3", "run:" + RUN_LOOP_BODY + ":21",
                "run:" + RUN_FOR + ":3"), stops);
    }

    @Test
    void stepOverALoopVisitsItsHeadOnEveryRound() {
        Source source = document(DOCUMENT);
        breakAt(source, RUN_LOOP_BODY);
        for (int i = 0; i < 6; i++) {
            script.add(event -> event.prepareStepOver(1));
        }
        script.add(event -> {
            assertEquals("14", variables(event).get("total"));
            event.prepareContinue();
        });
        assertEquals(17, run(source, "run").asLong());
        assertEquals(List.of(RUN_LOOP_BODY, RUN_FOR, RUN_LOOP_BODY, RUN_FOR, RUN_LOOP_BODY, RUN_FOR, RUN_RETURN),
                stops.stream().map(s -> Integer.parseInt(s.split(":")[1])).toList());
    }

    @Test
    void conditionalBreakpointStopsOnlyWhenItsConditionHolds() {
        Source source = document(DOCUMENT);
        Breakpoint b = Breakpoint.newBuilder(source.getURI()).lineIs(RUN_LOOP_BODY).build();
        b.setCondition("x == 3 and total > 4");
        session.install(b);
        script.add(event -> {
            assertNull(event.getBreakpointConditionException(b));
            assertEquals("3", variables(event).get("x"));
            assertEquals("5", variables(event).get("total"));
        });
        assertEquals(17, run(source, "run").asLong());
        assertEquals(1, stops.size());
        assertEquals(1, b.getHitCount());
    }

    @Test
    void aConditionThatDoesNotCheckStopsWithItsError() {
        Source source = document(DOCUMENT);
        Breakpoint b = Breakpoint.newBuilder(source.getURI()).lineIs(RUN_TOTAL).build();
        b.setCondition("missing > 1");
        session.install(b);
        script.add(event -> {
            Throwable error = event.getBreakpointConditionException(b);
            assertNotNull(error);
            assertTrue(error.getMessage().startsWith("cannot evaluate `missing > 1`: "), error.getMessage());
            assertTrue(error.getMessage().contains("missing"), error.getMessage());
        });
        assertEquals(17, run(source, "run").asLong());
        assertEquals(1, stops.size());
    }

    @Test
    void evaluatesLumenExpressionsInTheSuspendedFrame() {
        Source source = document(DOCUMENT);
        breakAt(source, RUN_LOOP_BODY);
        script.add(event -> {
            DebugStackFrame frame = event.getTopStackFrame();
            assertEquals(7, frame.eval("p.x + p.y").asInt());
            assertEquals(9, frame.eval("square(xs[2]) + total").asInt());
            assertEquals("x is 1", frame.eval("\"x is {x}\"").asString());
            event.getSession().getBreakpoints().forEach(bp -> bp.setEnabled(false));
        });
        assertEquals(17, run(source, "run").asLong());
        assertEquals(1, stops.size());
    }

    @Test
    void pausesOnHaltWithTheMessageAtTheHalt() {
        Source source = document("""
                # Halting

                ```lumen
                cell check(n: Int) -> Int
                  if n > 2
                    halt("too big: {n}")
                  end
                  return n
                end
                ```
                """);
        session.install(Breakpoint.newExceptionBuilder(false, true).build());
        script.add(event -> {
            assertNotNull(event.getException());
            assertEquals("too big: 3", event.getException().getMessage());
            assertEquals(6, event.getException().getThrowLocation().getStartLine());
            assertEquals(6, event.getSourceSection().getStartLine());
            assertEquals("3", variables(event).get("n"));
        });
        Value check = context.eval(source).getMember("check");
        assertEquals(2, check.execute(2).asInt());
        PolyglotException e = assertThrows(PolyglotException.class, () -> check.execute(3));
        assertEquals("too big: 3", e.getMessage());
        assertEquals(6, e.getSourceLocation().getStartLine());
        assertEquals(1, stops.size());
    }

    @Test
    void pausesOnceOnAHaltInACalledCellWithTheCallersBelow() {
        Source source = document("""
                # Halting below

                ```lumen
                cell inner(n: Int) -> Int
                  halt("stopped at {n}")
                end

                cell outer(n: Int) -> Int
                  let m = n + 1
                  return inner(m)
                end
                ```
                """);
        session.install(Breakpoint.newExceptionBuilder(false, true).build());
        script.add(event -> {
            assertEquals("stopped at 5", event.getException().getMessage());
            assertEquals(5, event.getSourceSection().getStartLine());
            List<DebugStackFrame> frames = new ArrayList<>();
            event.getStackFrames().forEach(frames::add);
            assertEquals(List.of("inner", "outer"), frames.stream().map(DebugStackFrame::getName).toList());
            assertEquals(Map.of("n", "4", "m", "5"), variables(frames.get(1)));
        });
        Value outer = context.eval(source).getMember("outer");
        assertThrows(PolyglotException.class, () -> outer.execute(4));
        assertEquals(List.of("inner:5:3"), stops);
    }

    @Test
    void pausesOnAValidationFailure() {
        Source source = document("""
                # Validating

                ```lumen
                record Order
                  id: String
                  quantity: Int
                end

                cell parse(text: String) -> Order
                  let order = text expect schema Order
                  return order
                end
                ```
                """);
        session.install(Breakpoint.newExceptionBuilder(false, true).build());
        script.add(event -> {
            assertNotNull(event.getException());
            assertEquals(10, event.getSourceSection().getStartLine());
            assertTrue(variables(event).containsKey("text"));
        });
        Value parse = context.eval(source).getMember("parse");
        assertEquals("A", parse.execute("{\"id\": \"A\", \"quantity\": 2}").getMember("id").asString());
        assertThrows(PolyglotException.class, () -> parse.execute("{\"id\": \"B\", \"quantity\": 1.5}"));
        assertEquals(1, stops.size());
    }

    @Test
    void aModuleWithoutDebugInformationRunsUnderADebuggerWithoutStopping() {
        // LIR 1.0.0, written before cells had debug information.
        String module = "{\"cells\":[{\"code\":[{\"a\":0,\"at\":[4,3],\"op\":\"LOADINT\",\"sbx\":7},"
                + "{\"a\":0,\"at\":[4,3],\"b\":0,\"c\":0,\"op\":\"RETURN\"}],\"constants\":[],\"name\":\"seven\","
                + "\"params\":[],\"registers\":[\"Int\"],\"returns\":\"Int\"}],\"doc_hash\":\"sha256:" + "0".repeat(64)
                + "\",\"source\":\"old.lm.md\",\"tools\":[],\"types\":[],\"version\":\"1.0.0\"}";
        session.suspendNextExecution();
        Value m = context.eval(Source.newBuilder(LumenLanguage.ID, module, "old.lir.json").buildLiteral());
        assertEquals(7, m.getMember("seven").execute().asInt());
        assertEquals(List.of(), stops);
    }

    @Test
    void withoutBreakpointsNothingStops() {
        Source source = document(DOCUMENT);
        assertEquals(17, run(source, "run").asLong());
        assertFalse(stops.iterator().hasNext());
    }
}
