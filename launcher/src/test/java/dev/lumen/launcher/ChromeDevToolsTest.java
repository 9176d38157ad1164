package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen run --inspect} under a Chrome DevTools Protocol client, as DevTools drives it: the client attaches
 * while the program waits, enables the debugger, sets a breakpoint by URL on a line of a cell, lets the program
 * run, pauses there with the cell's locals in scope, steps over to the next statement and resumes to the result.
 */
@Timeout(180)
class ChromeDevToolsTest {
    /** The document; line 6 (`let b = 2`) is the breakpoint's, line 7 the next statement. */
    static final String SUM = """
            # A sum

            ```lumen
            cell run() -> Int
              let a = 40
              let b = 2
              return a + b
            end
            ```
            """;
    static final int BREAKPOINT_LINE = 6;
    static final int NEXT_LINE = 7;

    @TempDir
    Path dir;

    @Test
    void pausesAtABreakpointInACellStepsAndResumesToTheResult() throws Exception {
        Path document = document(dir);
        boolean instrumented = StatementInstrumentation.stopsAt(document, BREAKPOINT_LINE, dir);
        int port = DebuggedRun.freePort();
        try (DebuggedRun run = DebuggedRun.start(dir, document, "--inspect=127.0.0.1:" + port,
                "--inspect.Path=lumen-test", "--inspect.Suspend=false", "--inspect.WaitAttached")) {
            String url = run.awaitErrLine("devtools://");
            assertTrue(url.endsWith("devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/lumen-test"), url);
            try (CdpClient cdp = CdpClient.connect(URI.create("ws://127.0.0.1:" + port + "/lumen-test"))) {
                cdp.send("Runtime.enable");
                cdp.send("Debugger.enable");
                JsonNode breakpoint = cdp.send("Debugger.setBreakpointByUrl",
                        "lineNumber", BREAKPOINT_LINE - 1, "urlRegex", ".*sum\\.lm\\.md");
                String breakpointId = breakpoint.path("breakpointId").asText();
                assertFalse(breakpointId.isEmpty(), breakpoint.toString());
                cdp.send("Runtime.runIfWaitingForDebugger");
                JsonNode script = cdp.awaitEvent("Debugger.scriptParsed", p -> p.path("url").asText().endsWith("sum.lm.md"));
                String scriptId = script.path("scriptId").asText();
                if (!instrumented) {
                    cdp.close(); // detached, the program runs to its end
                    assertRanTo(run, "42\n");
                    assumeTrue(false, StatementInstrumentation.MISSING);
                }

                JsonNode paused = cdp.awaitEvent("Debugger.paused", p -> true);
                JsonNode frame = paused.path("callFrames").path(0);
                assertEquals(scriptId, frame.path("location").path("scriptId").asText(), paused.toString());
                assertEquals(BREAKPOINT_LINE - 1, frame.path("location").path("lineNumber").asInt(), paused.toString());
                assertEquals("run", frame.path("functionName").asText(), paused.toString());
                assertTrue(paused.path("hitBreakpoints").toString().contains(breakpointId), paused.toString());
                assertEquals(Map.of("a", "40"), locals(cdp, frame), "before `let b = 2`, only `a` holds a value");

                cdp.send("Debugger.stepOver");
                cdp.awaitEvent("Debugger.resumed", p -> true);
                JsonNode stepped = cdp.awaitEvent("Debugger.paused", p -> true).path("callFrames").path(0);
                assertEquals(NEXT_LINE - 1, stepped.path("location").path("lineNumber").asInt(), stepped.toString());
                assertEquals(Map.of("a", "40", "b", "2"), locals(cdp, stepped));

                cdp.send("Debugger.resume");
                cdp.awaitEvent("Debugger.resumed", p -> true);
            }
            assertRanTo(run, "42\n");
        }
    }

    /** The variables with a value in the frame's local scope, by name, as DevTools shows them. */
    private static Map<String, String> locals(CdpClient cdp, JsonNode frame) throws Exception {
        JsonNode local = null;
        for (JsonNode scope : frame.path("scopeChain")) {
            if (scope.path("type").asText().equals("local")) {
                local = scope;
                break;
            }
        }
        assertTrue(local != null, "no local scope in " + frame);
        JsonNode properties = cdp.send("Runtime.getProperties",
                "objectId", local.path("object").path("objectId").asText(), "ownProperties", true);
        Map<String, String> values = new HashMap<>();
        for (JsonNode property : properties.path("result")) {
            JsonNode value = property.path("value");
            if (!value.path("type").asText().equals("undefined") && !value.path("subtype").asText().equals("null")) {
                values.put(property.path("name").asText(),
                        value.has("value") ? value.path("value").asText() : value.path("description").asText());
            }
        }
        return values;
    }

    private static void assertRanTo(DebuggedRun run, String result) throws Exception {
        assertEquals(ExitCodes.OK, run.awaitExit(), run.err());
        assertEquals(result, run.out(), run.err());
    }

    static Path document(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sum.lm.md"), SUM);
    }
}
