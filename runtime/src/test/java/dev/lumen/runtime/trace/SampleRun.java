package dev.lumen.runtime.trace;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import java.util.List;
import java.util.Map;

/**
 * A small run with every kind of event a successful run has — a traced cell, a cached-able LLM call, a schema
 * validation and an HTTP call whose response is large enough to go to a blob — written through the public
 * writer API, as the interpreter does.
 */
final class SampleRun {
    static final String DOC_HASH = CanonicalJson.sha256("# Shop\n");
    static final String POLICY = CanonicalJson.hash(Map.of("model", List.of("gpt")));
    static final Map<String, Object> RESULT = Map.of("vendor", "Acme", "total", 12.5);

    private SampleRun() {
    }

    /** A body of {@code size} characters for the HTTP response (over 1 KB spills to a blob). */
    static String body(int size, char fill) {
        return String.valueOf(fill).repeat(size);
    }

    /** Writes the sample run; {@code cached} marks its tool calls as answered from the cache. */
    static TraceWriter write(Store store, boolean cached, String reply, String body) {
        try (TraceWriter w = TraceWriter.start(store, "shop.lm.md", DOC_HASH, "run", Map.of("order", "A-1"))) {
            w.cellStart("extract", Map.of("text", "Invoice A-1 from Acme"));
            w.toolCall("extract", "llm.chat", "1.0.0", POLICY,
                    Map.of("messages", List.of(Map.of("role", "user", "content", "Extract: Invoice A-1 from Acme"))),
                    reply, cached ? 0 : 812, cached);
            w.schemaValidate("extract", "Invoice", reply, true, RESULT);
            w.toolCall("extract", "http.get", "1.0.0", POLICY, Map.of("url", "https://api.example.com/rates"),
                    Map.of("status", 200, "body", body), cached ? 0 : 35, cached);
            w.cellEnd("extract", RESULT);
            w.runEnd(RESULT);
            return w;
        }
    }

    static TraceWriter write(Store store) {
        return write(store, false, "{\"vendor\": \"Acme\", \"total\": 12.5}", body(3000, 'x'));
    }
}
