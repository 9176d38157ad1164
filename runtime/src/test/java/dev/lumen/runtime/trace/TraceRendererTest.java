package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRendererTest {

    @TempDir
    Path dir;

    @Test
    void showsOneIndentedLinePerEventWithShortHashesAndPreviews() {
        Store store = Store.at(dir);
        TraceWriter w = SampleRun.write(store);
        Trace trace = TraceReader.read(store, w.runId());
        List<TraceEvent> e = trace.events();
        String text = TraceRenderer.render(trace);
        String expected = "run " + w.runId() + "  doc shop.lm.md  cell run  started " + e.get(0).timestamp() + "\n"
                + "   0  run_start run  doc " + ContentHash.brief(SampleRun.DOC_HASH) + "  inputs " + brief(e.get(0).inputsHash())
                + " {\"order\":\"A-1\"}\n"
                + "   1  cell_start extract  inputs " + brief(e.get(1).inputsHash()) + " {\"text\":\"Invoice A-1 from Acme\"}\n"
                + "   2    tool_call llm.chat 1.0.0  812 ms  inputs " + brief(e.get(2).inputsHash())
                + " {\"messages\":[{\"content\":\"Extract: Invoice A-1 fr…  outputs " + brief(e.get(2).outputsHash())
                + " \"{\\\"vendor\\\": \\\"Acme\\\", \\\"total\\\": 12.5}\"\n"
                + "   3    schema_validate Invoice  valid  inputs " + brief(e.get(3).inputsHash())
                + " \"{\\\"vendor\\\": \\\"Acme\\\", \\\"total\\\": 12.5}\"  outputs " + brief(e.get(3).outputsHash())
                + " {\"total\":12.5,\"vendor\":\"Acme\"}\n"
                + "   4    tool_call http.get 1.0.0  35 ms  inputs " + brief(e.get(4).inputsHash())
                + " {\"url\":\"https://api.example.com/rates\"}  outputs " + brief(e.get(4).outputsHash())
                + " {\"body\":\"" + "x".repeat(39) + "… (3024 bytes)\n"
                + "   5  cell_end extract  outputs " + brief(e.get(5).outputsHash()) + " {\"total\":12.5,\"vendor\":\"Acme\"}\n"
                + "   6  run_end ok  outputs " + brief(e.get(6).outputsHash()) + " {\"total\":12.5,\"vendor\":\"Acme\"}\n";
        assertEquals(expected, text);
    }

    @Test
    void showsFailuresCachedCallsAndWhereReadingStopped() throws IOException {
        Store store = Store.at(dir);
        TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of());
        w.toolCall("run", "json.parse", "1.0.0", SampleRun.POLICY, Map.of("text", "1"), 1, 0, true);
        w.toolFailed("run", "http.get", "1.0.0", SampleRun.POLICY, Map.of("url", "x"), "policy", "not granted", 3);
        w.error("run", "policy", "not granted", 4, 9);
        w.close();
        Files.writeString(w.file(), Files.readString(w.file()) + "{\"seq\":4,");
        String[] lines = TraceRenderer.render(TraceReader.read(store, w.runId())).split("\n");
        assertEquals(6, lines.length);
        assertEquals("   1  tool_call json.parse 1.0.0 in run  cached  inputs " + brief(CanonicalJson.hash(Map.of("text", "1")))
                + " {\"text\":\"1\"}  outputs " + brief(CanonicalJson.hash(1)) + " 1", lines[2]);
        assertEquals("   2  tool_call http.get 1.0.0 in run  3 ms  inputs " + brief(CanonicalJson.hash(Map.of("url", "x")))
                + " {\"url\":\"x\"}  failed: policy: not granted", lines[3]);
        assertEquals("   3  error policy: not granted  at 4:9 in run", lines[4]);
        assertEquals("      … line 5 is incomplete (the run was stopped while writing it)", lines[5]);
    }

    @Test
    void showsTheRequestsAnMcpServerSentDuringACall() {
        Store store = Store.at(dir);
        TraceWriter w = TraceWriter.start(store, "d.lm.md", SampleRun.DOC_HASH, "run", Map.of());
        w.toolCall("run", "mcp:stdio:srv#ask", "unversioned", SampleRun.POLICY, Map.of(), "ok", 5, false, Map.of(),
                Map.of("name", "srv", "version", "1", "protocol_version", "2025-11-25", "requests", List.of(
                        Map.of("method", "elicitation/create", "result", Map.of("action", "accept")),
                        Map.of("method", "roots/list", "result", Map.of("roots", List.of())),
                        Map.of("method", "sampling/createMessage", "error", Map.of("code", -32601, "message", "no")))));
        w.close();
        String line = TraceRenderer.render(TraceReader.read(store, w.runId())).split("\n")[2];
        assertEquals("  server asked elicitation/create (accept), roots/list (answered), sampling/createMessage "
                + "(refused -32601)", line.substring(line.indexOf("  server asked")));
    }

    private static String brief(String hash) {
        return ContentHash.brief(hash);
    }
}
