package dev.lumen.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactedTest {

    private static Redacted shown(String json, String... redact) {
        return Redaction.of(Grants.of(Map.of("redact", List.of((Object[]) redact))))
                .redact(CanonicalValue.of(CanonicalJson.parse(json)));
    }

    @Test
    void aMessageLosesTheRedactedValuesItQuotes() {
        Redacted inputs = shown("{\"url\":\"http://h/\",\"headers\":{\"X-Key\":\"1\\r\\nHost: evil.example\"}}", "x-key");
        assertEquals("header `X-Key` has a line break in its value ([redacted]), which would start another header",
                inputs.scrub("header `X-Key` has a line break in its value (1\\r\\nHost: evil.example), which would start"
                        + " another header"), "as a JSON string writes it");
        assertEquals("got [redacted] back", inputs.scrub("got 1\r\nHost: evil.example back"), "as it is");
    }

    @Test
    void aShortSecretDoesNotEatIntoWords() {
        Redacted outputs = shown("{\"headers\":{\"x-api-key\":\"k\"}}", "X-Api-Key");
        assertEquals("kind [redacted] (key: [redacted])", outputs.scrub("kind k (key: k)"));
    }

    @Test
    void aCutQuoteOfASecretIsTakenOut() {
        String token = "Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature";
        Redacted inputs = shown("{\"headers\":{\"Authorization\":\"" + token + "\"}}", "authorization");
        assertEquals("argument is \"[redacted]\", but", inputs.scrub("argument is \"" + token.substring(0, 20) + "…\", but"));
        assertEquals("a … b", inputs.scrub("a … b"), "an ellipsis alone stays");
    }

    @Test
    void everyTextInsideARedactedValueIsTakenOut() {
        Redacted inputs = shown("{\"headers\":{\"A\":\"alpha\",\"B\":\"beta\"},\"n\":42}", "headers");
        assertEquals(List.of("alpha", "beta"), inputs.removed());
        assertEquals("[redacted] and [redacted] and 42", inputs.scrub("alpha and beta and 42"));
    }

    @Test
    void nothingRedactedLeavesTheMessage() {
        Redacted inputs = shown("{\"a\":\"secret\"}", "b");
        String message = "secret";
        assertSame(message, inputs.scrub(message));
    }
}
