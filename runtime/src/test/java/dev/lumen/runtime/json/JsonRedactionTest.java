package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonRedactionTest {

    static String redacted(String json, String... names) {
        return CanonicalJson.write(JsonRedaction.redact(CanonicalJson.parse(json), Set.of(names)));
    }

    @Test
    void namedMembersAtAnyDepthBecomeTheMarker() {
        assertEquals("{\"headers\":{\"accept\":\"*/*\",\"authorization\":\"[redacted]\"},"
                        + "\"users\":[{\"name\":\"Ada\",\"token\":\"[redacted]\"},{\"name\":\"Bob\",\"token\":\"[redacted]\"}]}",
                redacted("{\"headers\": {\"authorization\": \"Bearer abc\", \"accept\": \"*/*\"},"
                        + " \"users\": [{\"name\": \"Ada\", \"token\": \"t1\"}, {\"name\": \"Bob\", \"token\": \"t2\"}]}",
                        "authorization", "token"));
    }

    @Test
    void anyValueIsRedactedButNullAndTheMatchIsExact() {
        assertEquals("{\"Pin\":4321,\"card\":\"[redacted]\",\"note\":null,\"pin\":\"[redacted]\"}",
                redacted("{\"pin\": 1234, \"Pin\": 4321, \"card\": {\"number\": \"4111\"}, \"note\": null}", "pin", "card", "note"));
    }

    @Test
    void theInputIsNotChanged() {
        JsonNode input = CanonicalJson.parse("{\"a\": {\"secret\": \"x\"}}");
        JsonRedaction.redact(input, Set.of("secret"));
        assertEquals("{\"a\":{\"secret\":\"x\"}}", CanonicalJson.write(input));
        assertSame(input, JsonRedaction.redact(input, Set.of()));
    }
}
