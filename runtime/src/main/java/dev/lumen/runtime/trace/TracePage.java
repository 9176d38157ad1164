package dev.lumen.runtime.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.JsonReading;
import dev.lumen.runtime.store.RecordedValue;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The self-contained HTML page of a run, or of two runs compared ({@code lumen trace view}, spec trace-v1.md
 * §9): one file with its CSS and script inline and the traces embedded as JSON, so that it opens from disk with
 * no network. Everything the page shows comes from that JSON and is put into the page as text by its script,
 * never as markup; the JSON itself is written so that nothing in it can end its {@code <script>} element.
 */
public final class TracePage {
    /** Largest blob embedded whole; a larger value keeps its preview only, and the page says so. */
    static final int MAX_BLOB_BYTES = 4 * 1024 * 1024;
    private static final String TEMPLATE = "trace-page.html";
    private static final String DATA_MARK = "/*LUMEN-TRACE-DATA*/null";
    private static final ObjectMapper JSON = JsonReading.mapper().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TracePage() {
    }

    /** The page of run {@code runId}: its events, its full values, and how it verifies with the store's key. */
    public static String of(Store store, String runId) {
        ObjectNode data = NODES.objectNode().put("mode", "run");
        data.putArray("runs").add(run(store, TraceReader.read(store, runId)));
        return page(data);
    }

    /** The page comparing run {@code a} with run {@code b} side by side, their first difference marked. */
    public static String diff(Store store, String a, String b) {
        Trace ta = TraceReader.read(store, a);
        Trace tb = TraceReader.read(store, b);
        ObjectNode data = NODES.objectNode().put("mode", "diff");
        data.putArray("runs").add(run(store, ta)).add(run(store, tb));
        TraceDiff.Result result = TraceDiff.compare(ta, tb);
        ObjectNode diff = data.putObject("diff").put("agreeing", result.agreeing()).put("truncated", result.truncated());
        var differences = diff.putArray("differences");
        for (TraceDiff.Difference d : result.differences()) {
            ObjectNode o = differences.addObject().put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("description", d.description());
            if (d.a() != null) {
                o.put("a_seq", d.a().seq());
            }
            if (d.b() != null) {
                o.put("b_seq", d.b().seq());
            }
            d.fields().forEach(o.putArray("fields")::add);
        }
        return page(data);
    }

    private static ObjectNode run(Store store, Trace trace) {
        ObjectNode run = NODES.objectNode().put("id", trace.runId()).put("file", trace.where());
        if (trace.problem() != null) {
            run.put("problem", trace.problem());
        }
        run.set("verification", verification(store, trace.runId()));
        var events = run.putArray("events");
        ObjectNode blobs = run.putObject("blobs");
        for (TraceEvent e : trace.events()) {
            events.add(e.json());
            e.inputs().ifPresent(v -> embed(store, v, blobs));
            e.outputs().ifPresent(v -> embed(store, v, blobs));
        }
        return run;
    }

    /** A value held in a blob, embedded whole (its text) or, when it cannot be, why not. */
    private static void embed(Store store, RecordedValue value, ObjectNode blobs) {
        if (value.isInline() || blobs.has(value.hash())) {
            return;
        }
        ObjectNode blob = blobs.putObject(value.hash());
        if (value.size() > MAX_BLOB_BYTES) {
            blob.put("missing", "the value is " + value.size() + " bytes, too large to embed; it is the blob "
                    + store.blobs().where(value.hash()));
            return;
        }
        try {
            blob.put("text", new String(store.blobs().read(value.hash()), StandardCharsets.UTF_8));
        } catch (StoreException e) {
            blob.put("missing", e.getMessage());
        }
    }

    private static ObjectNode verification(Store store, String runId) {
        ObjectNode o = NODES.objectNode();
        Verification v;
        try {
            v = TraceVerifier.verify(store, runId);
        } catch (StoreException e) {
            return o.put("status", "unchecked").put("message", e.getMessage());
        }
        Verification.Problem p = v.problem();
        String status = p != null ? (p.reason() == Verification.Reason.TAMPERED ? "tampered" : "broken")
                : v.signedByYou() ? "verified" : v.signedBy() == null ? "not signed" : "another key";
        o.put("status", status).put("events", v.events()).put("head", v.head()).put("finished", v.finished())
                .put("your_key", v.yourKey());
        if (v.signedBy() != null) {
            o.put("signed_by", v.signedBy());
        }
        if (p != null) {
            o.putObject("problem").put("seq", p.seq()).put("line", p.line()).put("reason", p.reason().label())
                    .put("message", p.message());
        }
        return o;
    }

    private static String page(ObjectNode data) {
        String template = template();
        int mark = template.indexOf(DATA_MARK);
        if (mark < 0) {
            throw new IllegalStateException(TEMPLATE + " has no data mark");
        }
        return template.substring(0, mark) + scriptSafe(data) + template.substring(mark + DATA_MARK.length());
    }

    /**
     * The JSON text of {@code data}, with {@code <}, {@code >} and {@code &} (which JSON has only inside strings)
     * and the line separators JavaScript once refused written as {@code \}{@code uXXXX} escapes: the text
     * then holds no {@code </script>}, {@code <!--} or entity, so it cannot end or change the element holding it.
     */
    static String scriptSafe(ObjectNode data) {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace's JSON cannot be written again", e);
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String template() {
        try (InputStream in = TracePage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + TEMPLATE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
