package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen run --dap} under a Debug Adapter Protocol client, as VS Code drives it: initialize, attach while
 * the program waits, a breakpoint on a line of a cell, configuration done; then the stop there, the stack, the
 * cell's locals, a step to the next statement, and continue to the end of the run and its result.
 */
@Timeout(180)
class DebugAdapterTest {
    @TempDir
    Path dir;

    @Test
    void stopsAtABreakpointInACellStepsAndContinuesToTheResult() throws Exception {
        Path document = ChromeDevToolsTest.document(dir);
        boolean instrumented = StatementInstrumentation.stopsAt(document, ChromeDevToolsTest.BREAKPOINT_LINE, dir);
        int port = DebuggedRun.freePort();
        try (DebuggedRun run = DebuggedRun.start(dir, document, "--dap=127.0.0.1:" + port, "--dap.Suspend=false",
                "--dap.WaitAttached")) {
            String listening = run.awaitErrLine("[Graal DAP]");
            assertTrue(listening.endsWith(":" + port), listening);
            try (DapClient dap = DapClient.connect(port)) {
                JsonNode capabilities = dap.request("initialize", "clientID", "lumen-test", "adapterID", "lumen",
                        "linesStartAt1", true, "columnsStartAt1", true, "pathFormat", "path");
                assertTrue(capabilities.path("supportsConfigurationDoneRequest").asBoolean(), capabilities.toString());
                dap.request("attach");
                dap.awaitEvent("initialized", body -> true);
                JsonNode set = dap.request("setBreakpoints",
                        "source", Map.of("path", document.toString()),
                        "breakpoints", List.of(Map.of("line", ChromeDevToolsTest.BREAKPOINT_LINE)));
                assertEquals(1, set.path("breakpoints").size(), set.toString());
                dap.request("configurationDone");
                JsonNode loaded = dap.awaitEvent("loadedSource",
                        body -> body.path("source").path("name").asText().endsWith("sum.lm.md")).path("source");
                assertEquals(document.toString(), loaded.path("path").asText(), "an editor opens the file: " + loaded);
                if (!instrumented) {
                    dap.awaitEvent("terminated", body -> true);
                    dap.request("disconnect");
                    dap.close();
                    assertRanTo(run, "42\n");
                    assumeTrue(false, StatementInstrumentation.MISSING);
                }

                JsonNode stopped = dap.awaitEvent("stopped", body -> true);
                assertEquals("breakpoint", stopped.path("reason").asText(), stopped.toString());
                int thread = stopped.path("threadId").asInt();
                JsonNode frame = topFrame(dap, thread);
                assertEquals(ChromeDevToolsTest.BREAKPOINT_LINE, frame.path("line").asInt(), frame.toString());
                assertEquals("run", frame.path("name").asText(), frame.toString());
                assertTrue(frame.path("source").path("path").asText().endsWith("sum.lm.md"), frame.toString());
                assertEquals(Map.of("a", "40"), locals(dap, frame), "before `let b = 2`, only `a` holds a value");

                // Graal's adapter reports the end of a step as `debugger_statement`: the line says where it went.
                dap.request("next", "threadId", thread);
                dap.awaitEvent("stopped", body -> true);
                JsonNode next = topFrame(dap, thread);
                assertEquals(ChromeDevToolsTest.NEXT_LINE, next.path("line").asInt(), next.toString());
                assertEquals(Map.of("a", "40", "b", "2"), locals(dap, next));

                dap.request("continue", "threadId", thread);
                dap.awaitEvent("terminated", body -> true);
                dap.request("disconnect");
            }
            assertRanTo(run, "42\n");
        }
    }

    private static JsonNode topFrame(DapClient dap, int thread) throws Exception {
        JsonNode frames = dap.request("stackTrace", "threadId", thread).path("stackFrames");
        assertTrue(frames.size() > 0, "no stack frames");
        return frames.path(0);
    }

    /** The variables with a value in the frame's first scope (the cell's locals), by name, as an editor shows them. */
    private static Map<String, String> locals(DapClient dap, JsonNode frame) throws Exception {
        JsonNode scopes = dap.request("scopes", "frameId", frame.path("id").asInt()).path("scopes");
        assertTrue(scopes.size() > 0, "no scopes in " + frame);
        JsonNode variables = dap.request("variables",
                "variablesReference", scopes.path(0).path("variablesReference").asInt()).path("variables");
        Map<String, String> values = new HashMap<>();
        for (JsonNode variable : variables) {
            String value = variable.path("value").asText();
            if (!value.equals("null") && !value.equals("undefined")) {
                values.put(variable.path("name").asText(), value);
            }
        }
        return values;
    }

    private static void assertRanTo(DebuggedRun run, String result) throws Exception {
        assertEquals(ExitCodes.OK, run.awaitExit(), run.err());
        assertEquals(result, run.out(), run.err());
    }
}
