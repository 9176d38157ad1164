package dev.lumen.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void redactedMembersAreReplacedAtAnyDepth() {
        Redaction r = Redaction.of(Grants.of(Map.of("redact", List.of("authorization", "ssn"))));
        JsonNode in = CanonicalJson.parse("{\"url\":\"u\",\"headers\":{\"Authorization\":\"x\",\"authorization\":\"Bearer s\"},"
                + "\"people\":[{\"ssn\":\"123\",\"name\":\"a\"},{\"name\":\"b\"}],\"ssn\":{\"nested\":1}}");
        assertEquals("{\"headers\":{\"Authorization\":\"x\",\"authorization\":\"[redacted]\"},\"people\":[{\"name\":\"a\","
                + "\"ssn\":\"[redacted]\"},{\"name\":\"b\"}],\"ssn\":\"[redacted]\",\"url\":\"u\"}", CanonicalJson.write(r.apply(in)));
        assertEquals("{\"url\":\"u\"}", CanonicalJson.write(CanonicalJson.parse("{\"url\":\"u\"}")), "the input is unchanged");
    }

    @Test
    void namedFieldsRedactAnyValueAndMatchExactly() {
        Redaction r = Redaction.ofFields(List.of("pin", "card", "note"));
        assertEquals("{\"Pin\":4321,\"card\":\"[redacted]\",\"note\":\"[redacted]\",\"pin\":\"[redacted]\"}",
                CanonicalJson.write(r.apply(CanonicalJson.parse("{\"pin\": 1234, \"Pin\": 4321, \"card\": {\"number\": \"4111\"}, \"note\": null}"))));
    }

    @Test
    void nothingToRedactReturnsTheSameTree() {
        JsonNode in = CanonicalJson.parse("{\"a\":[{\"b\":1}]}");
        assertSame(in, Redaction.of(Grants.of(Map.of("redact", List.of("token")))).apply(in));
        assertSame(in, Redaction.of(Grants.of(Map.of())).apply(in));
    }
}
