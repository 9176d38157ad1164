package dev.lumen.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static Redaction granted(String... values) {
        return Redaction.of(Grants.of(Map.of("redact", List.of((Object[]) values))));
    }

    private static String redacted(Redaction r, String json) {
        return CanonicalJson.write(r.apply(CanonicalJson.parse(json)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void redactedMembersAreReplacedAtAnyDepth() {
        Redaction r = granted("authorization", "ssn");
        JsonNode in = CanonicalJson.parse("{\"url\":\"u\",\"headers\":{\"X-Trace\":\"x\",\"authorization\":\"Bearer s\"},"
                + "\"people\":[{\"ssn\":\"123\",\"name\":\"a\"},{\"name\":\"b\"}],\"ssn\":{\"nested\":1}}");
        assertEquals("{\"headers\":{\"X-Trace\":\"x\",\"authorization\":\"[redacted]\"},\"people\":[{\"name\":\"a\","
                + "\"ssn\":\"[redacted]\"},{\"name\":\"b\"}],\"ssn\":\"[redacted]\",\"url\":\"u\"}", CanonicalJson.write(r.apply(in)));
        assertEquals("{\"url\":\"u\"}", CanonicalJson.write(CanonicalJson.parse("{\"url\":\"u\"}")), "the input is unchanged");
    }

    @Test
    void aGrantsNamesMatchWithoutRegardToCaseAsHeaderNamesDo() {
        // a request header as the program wrote it, a response header as HTTP/2 and the JDK spell it
        assertEquals("{\"headers\":{\"Authorization\":\"[redacted]\",\"X-Other\":\"o\"}}",
                redacted(granted("authorization"), "{\"headers\":{\"Authorization\":\"Bearer secret\",\"X-Other\":\"o\"}}"));
        assertEquals("{\"headers\":{\"x-api-key\":\"[redacted]\"},\"status\":200}",
                redacted(granted("X-Api-Key"), "{\"status\":200,\"headers\":{\"x-api-key\":\"k\"}}"));
        assertEquals("{\"AUTHORIZATION\":\"[redacted]\",\"authorization\":\"[redacted]\"}",
                redacted(granted("Authorization"), "{\"authorization\":\"a\",\"AUTHORIZATION\":\"b\"}"));
    }

    @Test
    void theIntrinsicsNamesMatchExactly() {
        Redaction r = Redaction.ofFields(List.of("pin", "card", "note"));
        assertEquals("{\"Pin\":4321,\"card\":\"[redacted]\",\"note\":\"[redacted]\",\"pin\":\"[redacted]\"}",
                CanonicalJson.write(r.apply(CanonicalJson.parse("{\"pin\": 1234, \"Pin\": 4321, \"card\": {\"number\": \"4111\"}, \"note\": null}"))));
        assertEquals("{\"/a\":\"[redacted]\",\"a\":1}", redacted(Redaction.ofFields(List.of("/a")), "{\"a\":1,\"/a\":2}"),
                "the intrinsic takes names, not pointers");
    }

    @Test
    void aPointerRedactsWhatItLeadsTo() {
        assertEquals("{\"a\":{\"b\":\"[redacted]\",\"c\":2},\"b\":3}", redacted(granted("/a/b"), "{\"a\":{\"b\":1,\"c\":2},\"b\":3}"));
        assertEquals("{\"items\":[{\"id\":1},{\"id\":\"[redacted]\"}]}",
                redacted(granted("/items/1/id"), "{\"items\":[{\"id\":1},{\"id\":2}]}"));
        assertEquals("{\"a~/b\":\"[redacted]\"}", redacted(granted("/a~0~1b"), "{\"a~/b\":1}"), "RFC 6901 escapes");
        assertEquals("{\"Token\":\"[redacted]\"}", redacted(granted("/token"), "{\"Token\":\"t\"}"), "tokens ignore case");
        String untouched = "{\"a\":[1],\"b\":{\"c\":1}}";
        for (String pointer : List.of("/a/1", "/a/-", "/a/01", "/b/d", "/x/y", "/b/c/d")) {
            JsonNode in = CanonicalJson.parse(untouched);
            assertSame(in, granted(pointer).apply(in), pointer + " leads nowhere");
        }
    }

    @Test
    void aPointerGoesOnInsideJsonTextAndBase64Json() {
        // http.post's body is JSON text in a String; http.get's body is Bytes, written as base64
        assertEquals("{\"body\":\"{\\\"token\\\":\\\"[redacted]\\\",\\\"user\\\":\\\"ada\\\"}\"}",
                redacted(granted("/body/token"), "{\"body\":\" {\\\"token\\\": \\\"t\\\", \\\"user\\\": \\\"ada\\\"}\\n\"}"));
        JsonNode out = granted("/body/token").apply(CanonicalJson.parse(
                "{\"status\":200,\"body\":\"" + base64("{\"token\":\"t\",\"n\":1.50}") + "\"}"));
        assertEquals(base64("{\"token\":\"[redacted]\",\"n\":1.50}"), out.get("body").textValue(),
                "written back as base64, the other members as they were");
        assertEquals("\"[{\\\"k\\\":\\\"[redacted]\\\"}]\"", redacted(granted("/0/k"), "\"[{\\\"k\\\":\\\"v\\\"}]\""),
                "a String output is the pointer's root");
        assertEquals("{\"body\":\"[redacted]\"}", redacted(granted("/body"), "{\"body\":\"{\\\"a\\\":1}\"}"));
    }

    @Test
    void aStringThatIsNotJsonHasNoMembers() {
        for (String body : List.of("token", "{\\\"token\\\":\\\"t\\\"} and more", base64("{\"token\""), Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xff, '}'}),
                "{\\\"other\\\":1}", "\\\"t\\\"")) {
            JsonNode in = CanonicalJson.parse("{\"body\":\"" + body + "\"}");
            assertSame(in, granted("/body/token").apply(in), body);
        }
    }

    @Test
    void aDuplicatedMemberLeavesNoEarlierValueBehind() {
        String out = redacted(granted("/body/token"), "{\"body\":\"{\\\"token\\\":\\\"first\\\",\\\"token\\\":\\\"t\\\"}\"}");
        assertFalse(out.contains("first"), out);
        assertFalse(out.contains("\\\"t\\\""), out);
    }

    @Test
    void nothingToRedactReturnsTheSameTree() {
        JsonNode in = CanonicalJson.parse("{\"a\":[{\"b\":1}]}");
        assertSame(in, granted("token").apply(in));
        assertSame(in, Redaction.of(Grants.of(Map.of())).apply(in));
        JsonNode once = granted("b").apply(in);
        assertSame(once, granted("b").apply(once), "the marker is not redacted again");
    }

    @Test
    void aMalformedPointerIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> granted("/a~2"));
        assertTrue(e.getMessage().contains("\"~\" must be followed by 0 or 1"), e.getMessage());
    }

    @Test
    void redactKeepsTheValueWhenNothingIsTakenOut() {
        CanonicalValue value = CanonicalValue.of(CanonicalJson.parse("{\"a\":1}"));
        Redacted shown = granted("b").redact(value);
        assertSame(value, shown.value());
        assertFalse(shown.changed());
        Redacted taken = granted("a").redact(value);
        assertTrue(taken.changed());
        assertEquals("{\"a\":\"[redacted]\"}", taken.value().text());
        assertEquals(List.of("1"), taken.removed());
    }
}
