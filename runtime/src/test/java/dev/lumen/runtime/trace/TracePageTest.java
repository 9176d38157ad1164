package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page of a run: its embedded data, which nothing in a trace can break out of. */
class TracePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Markup a value may hold: it must stay a string of the page's data, never become part of the page. */
    static final String HOSTILE = "</script><script>alert(1)</script><!-- & &amp; \u2028 <b>bold</b>";
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"lumen-trace\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static JsonNode data(String page) throws Exception {
        Matcher m = DATA.matcher(page);
        assertTrue(m.find(), "the page embeds its data");
        return JSON.readTree(m.group(1));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void markupInValuesStaysInsideTheEmbeddedJson() throws Exception {
        Store store = Store.at(dir);
        TraceWriter w = SampleRun.write(store, false, HOSTILE, SampleRun.body(3000, 'x') + HOSTILE);
        String page = TracePage.of(store, w.runId());
        String template = new String(TracePage.class.getResourceAsStream("trace-page.html").readAllBytes(),
                StandardCharsets.UTF_8);
        String lower = page.toLowerCase(Locale.ROOT);
        assertEquals(count(template.toLowerCase(Locale.ROOT), "</script"), count(lower, "</script"),
                "no value adds a </script>");
        assertEquals(count(template, "<!--"), count(page, "<!--"));
        assertFalse(page.contains("<b>bold"), page);
        assertFalse(page.contains("\u2028"));

        JsonNode run = data(page).get("runs").get(0);
        JsonNode call = run.get("events").get(2);
        assertEquals("tool_call", call.get("kind").textValue());
        assertEquals(HOSTILE, call.get("outputs").textValue(), "the value reads back exactly");
        JsonNode http = run.get("events").get(4);
        String blob = run.get("blobs").get(http.get("outputs_hash").textValue()).get("text").textValue();
        assertEquals(SampleRun.body(3000, 'x') + HOSTILE, JSON.readTree(blob).get("body").textValue(),
                "a value held in a blob is embedded whole");
        assertEquals("verified", run.get("verification").get("status").textValue());
        assertEquals(7, run.get("verification").get("events").intValue());
    }

    @Test
    void aTamperedTraceIsShownBrokenAtTheEventThatWasChanged() throws Exception {
        Store store = Store.at(dir);
        TraceWriter w = SampleRun.write(store);
        Path file = store.traceFile(w.runId());
        List<String> lines = Files.readAllLines(file);
        lines.set(3, lines.get(3).replace("\"schema\":\"Invoice\"", "\"schema\":\"Receipt\""));
        Files.writeString(file, String.join("\n", lines) + "\n");

        JsonNode run = data(TracePage.of(store, w.runId())).get("runs").get(0);
        JsonNode v = run.get("verification");
        assertEquals("broken", v.get("status").textValue());
        assertEquals(3, v.get("problem").get("seq").intValue());
        assertEquals("hash mismatch", v.get("problem").get("reason").textValue());
        assertEquals(7, run.get("events").size(), "every event is still shown");
    }

    @Test
    void aTraceCutShortIsShownUpToItsLastCompleteEvent() throws Exception {
        Store store = Store.at(dir);
        TraceWriter w = SampleRun.write(store);
        Path file = store.traceFile(w.runId());
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 10));

        JsonNode run = data(TracePage.of(store, w.runId())).get("runs").get(0);
        assertEquals(6, run.get("events").size());
        assertTrue(run.get("problem").textValue().startsWith("line 7 is incomplete"), run.toString());
        assertEquals("truncated", run.get("verification").get("problem").get("reason").textValue());
    }

    @Test
    void aDiffPageHoldsBothRunsAndTheirFirstDifference() throws Exception {
        Store store = Store.at(dir);
        TraceWriter a = SampleRun.write(store);
        TraceWriter b = SampleRun.write(store, false, "{\"vendor\": \"Acme\", \"total\": 13}", SampleRun.body(3000, 'x'));
        JsonNode data = data(TracePage.diff(store, a.runId(), b.runId()));
        assertEquals("diff", data.get("mode").textValue());
        assertEquals(a.runId(), data.get("runs").get(0).get("id").textValue());
        assertEquals(b.runId(), data.get("runs").get(1).get("id").textValue());
        JsonNode first = data.get("diff").get("differences").get(0);
        assertEquals("different_outputs", first.get("kind").textValue());
        assertEquals(2, first.get("a_seq").intValue());
        assertEquals(2, first.get("b_seq").intValue());
        assertEquals(2, data.get("diff").get("agreeing").intValue());
    }

    @Test
    void scriptSafeJsonEscapesWhatCouldEndTheScriptElement() throws Exception {
        var node = JSON.createObjectNode().put("s", HOSTILE);
        String text = TracePage.scriptSafe(node);
        for (String c : List.of("<", ">", "&", "\u2028", "\u2029")) {
            assertFalse(text.contains(c), text);
        }
        assertEquals(HOSTILE, JSON.readTree(text).get("s").textValue());
        assertEquals(Map.of("s", HOSTILE), JSON.readValue(text, Map.class));
    }
}
