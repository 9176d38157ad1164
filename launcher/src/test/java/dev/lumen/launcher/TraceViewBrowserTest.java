package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen trace view} in a real browser: Debian's headless Chromium renders the page of a run of the invoice
 * example, of a run whose values hold markup, of a tampered run and of two runs compared, and the DOM it dumps
 * shows the expected events. The pages and their screenshots stay in {@code target/trace-view/}.
 */
class TraceViewBrowserTest {
    /** Where the pages and screenshots are kept, as build artifacts. */
    static final Path ARTIFACTS = Path.of("target", "trace-view");
    /** Markup that would mark the page if the page ever ran it. */
    static final String HOSTILE = "</script><img src=x onerror=\"document.body.setAttribute('data-injected','img')\">"
            + "<script>document.body.setAttribute('data-injected','script')</script><!--";
    private static final String POLICY = CanonicalJson.hash(Map.of("model", List.of("m")));
    private static final Pattern EVENT = Pattern.compile(
            "<details class=\"([^\"]*)\" id=\"run(\\d)-event-(\\d+)\" data-seq=\"\\d+\" data-kind=\"([a-z_]+)\"");

    @TempDir
    Path dir;
    private HeadlessChromium chromium;

    /** An event as the browser shows it: its run (0, or 1 for B of a diff), seq, kind and classes. */
    record Shown(int run, int seq, String kind, String classes) {
    }

    @BeforeEach
    void browser() throws Exception {
        chromium = HeadlessChromium.require(dir);
        Files.createDirectories(ARTIFACTS);
    }

    private static List<Shown> events(String dom) {
        List<Shown> out = new ArrayList<>();
        Matcher m = EVENT.matcher(dom);
        while (m.find()) {
            out.add(new Shown(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4), m.group(1)));
        }
        return out;
    }

    /** {@code lumen trace view ARGS -o target/trace-view/NAME.html}, then the DOM Chromium makes of it. */
    private String view(String name, String... args) throws Exception {
        Path page = ARTIFACTS.resolve(name + ".html");
        List<String> command = new ArrayList<>(List.of("trace", "view", "--store", dir.toString(), "-o", page.toString()));
        command.addAll(List.of(args));
        EmitCommandTest.Run r = lumen(command.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals(page + "\n", r.out());
        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("<body data-rendered=\"true\">"), "the page's script ran to its end:\n" + dom);
        chromium.screenshot(page, ARTIFACTS.resolve(name + ".png"), 1400, 900);
        return dom;
    }

    /** A run asking llm.chat once: the reply, token usage and cost, and a failed validation of the reply. */
    private TraceWriter askedRun(String reply) {
        try (TraceWriter w = TraceWriter.start(Store.at(dir), "agent.lm.md", CanonicalJson.sha256("doc"), "run",
                Map.of("q", HOSTILE))) {
            w.cellStart("ask", Map.of("q", HOSTILE));
            w.toolCall("ask", "llm.chat", "1.0.0", POLICY, Map.of("messages", List.of(HOSTILE)), reply, 640, false,
                    Map.of("gen_ai.usage.input_tokens", 120, "gen_ai.usage.output_tokens", 45, "gen_ai.usage.cost", 0.0042),
                    Map.of());
            w.schemaValidate("ask", "Invoice", reply, false, Map.of("message", "1 field does not validate",
                    "errors", List.of(Map.of("path", "$.total", "constraint", "total >= 0.0", "expected", ">= 0.0",
                            "actual", -3, "message", "total is -3, not >= 0.0"))));
            w.error("ask", "validation", "the reply is not an Invoice", 12, 5);
            w.runFailed("validation", "the reply is not an Invoice");
            return w;
        }
    }

    @Test
    void theInvoiceExampleRunShowsItsCellsToolCallAndVerifiedChain() throws Exception {
        Path doc = Files.copy(InvoiceAgentExampleTest.EXAMPLE, dir.resolve("invoice_agent.lm.md"));
        InvoiceAgentExampleTest.copyShippedCache(dir);
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--offline");
        assertEquals(ExitCodes.OK, run.status(), run.err());

        String dom = view("invoice");
        assertEquals(List.of("run_start", "cell_start", "cell_start", "tool_call", "schema_validate", "cell_end",
                "cell_end", "run_end"), events(dom).stream().map(Shown::kind).toList(), dom);
        assertTrue(dom.contains("data-status=\"verified\">✔ hash chain verified: 8 events"), dom);
        assertTrue(dom.contains("<span class=\"kind\">tool_call</span>llm.chat 1.0.0 in extract"), dom);
        assertTrue(dom.contains("<span class=\"tag good\">valid</span>"), dom);
        assertTrue(dom.contains("ACME Tooling Ltd."), "the reply is shown");
        assertTrue(dom.contains("<span class=\"status\">ended ok</span>"), dom);
    }

    @Test
    void markupInATraceIsShownAsTextAndNeverRun() throws Exception {
        String reply = "{\"vendor\": \"<b>Acme</b>\", \"total\": -3}";
        TraceWriter w = askedRun(reply);
        String big = "x".repeat(3000) + HOSTILE;
        String blob;
        try (TraceWriter page = TraceWriter.start(Store.at(dir), "page.lm.md", CanonicalJson.sha256("doc"), "run", Map.of())) {
            page.cellStart("fetch", Map.of());
            page.toolCall("fetch", "http.get", "1.0.0", POLICY, Map.of("url", "https://example.com/"),
                    Map.of("status", 200, "body", big), 35, false);
            page.cellEnd("fetch", "done");
            page.runEnd("done");
            blob = CanonicalJson.hash(Map.of("status", 200, "body", big));
        }
        String large = view("blob");
        assertTrue(large.contains("<div class=\"value\" data-value=\"outputs\" data-blob=\"" + blob + "\">"), large);
        assertTrue(large.contains("<pre class=\"preview\">{\"body\":\"xxxx"), large);
        assertTrue(large.contains("<button class=\"full\">show the full value (" + (3000 + HOSTILE.length() + 26) + " bytes)</button>"),
                large);
        assertFalse(large.contains("data-injected=\""), large);

        String dom = view("hostile", w.runId());
        assertFalse(dom.contains("data-injected=\""), "the page ran markup from the trace:\n" + dom);
        assertFalse(dom.contains("<img"), dom);
        assertFalse(dom.contains("<b>Acme"), dom);
        assertTrue(dom.contains("&lt;/script&gt;&lt;img src=x onerror="), "the markup is shown as text:\n" + dom);
        assertEquals(List.of("run_start", "cell_start", "tool_call", "schema_validate", "error", "run_end"),
                events(dom).stream().map(Shown::kind).toList());

        Shown validation = events(dom).get(3);
        assertTrue(validation.classes().contains("invalid"), validation.toString());
        assertTrue(dom.contains("<tr class=\"field-error\" data-path=\"$.total\"><td class=\"path mono\">$.total</td>"
                + "<td class=\"mono\">total &gt;= 0.0</td>"), dom);
        assertTrue(dom.contains("<span class=\"tag note tokens\">120 in / 45 out tokens</span>"), dom);
        assertTrue(dom.contains("<span class=\"tag note cost\">cost 0.0042</span>"), dom);
        assertTrue(dom.contains("120 input and 45 output tokens in 1 model call"), dom);
        assertTrue(dom.contains("<span class=\"duration mono\">640 ms</span>"), dom);
        assertTrue(dom.contains("<span class=\"status\">failed: validation</span>"), dom);
    }

    @Test
    void aValidationFailureOfARealRunShowsItsFieldErrors() throws Exception {
        Path doc = Files.writeString(dir.resolve("item.lm.md"), """
                # Items

                ```lumen
                record Item
                  name: String
                  qty: Int where qty >= 1
                end

                cell run() -> String
                  let r = validate(schema Item, "{\\"name\\": \\"</script>\\", \\"qty\\": 0}")
                  match r
                    ok(v) -> return "ok"
                    err(e) -> return e.message
                  end
                end
                ```
                """);
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        String dom = view("validation");
        Shown validation = events(dom).get(2);
        assertEquals("schema_validate", validation.kind());
        assertTrue(validation.classes().contains("invalid"), validation.toString());
        assertTrue(dom.contains("<span class=\"tag bad\">invalid</span>"), dom);
        assertTrue(dom.contains("<tr class=\"field-error\" data-path=\"qty\"><td class=\"path mono\">qty</td>"
                + "<td class=\"mono\">qty &gt;= 1</td>"), dom);
    }

    @Test
    void aTamperedTraceShowsBrokenAtTheChangedEvent() throws Exception {
        TraceWriter w = askedRun("{\"total\": 1}");
        Path file = Store.at(dir).traceFile(w.runId());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"tool_version\":\"1.0.0\"", "\"tool_version\":\"9.9.9\""));
        Files.writeString(file, String.join("\n", lines) + "\n");

        String dom = view("tampered", w.runId());
        assertTrue(dom.contains("data-status=\"broken\" data-seq=\"2\">✘ the hash chain is broken at "
                + "<a href=\"#run0-event-2\">event 2</a> (line 3): hash mismatch"), dom);
        List<Shown> shown = events(dom);
        assertEquals(6, shown.size(), "every event is still shown");
        assertFalse(shown.get(1).classes().contains("broken"));
        assertTrue(shown.get(2).classes().contains("broken"), shown.get(2).toString());
        assertTrue(shown.get(3).classes().contains("unverified"), shown.get(3).toString());
    }

    @Test
    void twoRunsSideBySideWithTheirFirstDifferenceMarked() throws Exception {
        TraceWriter a = askedRun("{\"total\": 1}");
        TraceWriter b = askedRun("{\"total\": 2}");
        String dom = view("diff", a.runId(), "--diff", b.runId());
        assertTrue(dom.contains("<section class=\"run\" id=\"run0\" data-run=\"" + a.runId() + "\">"), dom);
        assertTrue(dom.contains("<section class=\"run\" id=\"run1\" data-run=\"" + b.runId() + "\">"), dom);
        assertTrue(dom.contains("the runs agree on their first 2 events; first difference, at seq 2: "), dom);
        for (int run = 0; run < 2; run++) {
            int side = run;
            List<Shown> marked = events(dom).stream().filter(e -> e.run() == side && e.classes().contains("first-diff")).toList();
            assertEquals(1, marked.size(), marked.toString());
            assertEquals(2, marked.getFirst().seq());
            assertEquals("tool_call", marked.getFirst().kind());
        }
        assertFalse(events(dom).stream().anyMatch(e -> e.seq() < 2 && e.classes().contains("diff")), dom);

        TraceWriter again = askedRun("{\"total\": 2}");
        String same = view("identical", b.runId(), "--diff", again.runId());
        assertTrue(same.contains("<div class=\"banner identical\" id=\"diff-summary\">the runs are identical</div>"), same);
        assertFalse(events(same).stream().anyMatch(e -> e.classes().contains("diff")), same);
    }
}
