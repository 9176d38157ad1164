package dev.lumen.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinToolTest {

    private static JsonNode call(String tool, Object input) {
        BuiltinTool t = BuiltinTool.find(tool).orElseThrow();
        return t.call(new ToolRequest(tool, CanonicalJson.parse(CanonicalJson.write(input)), Grants.of(Map.of()), new RunLimits())).output();
    }

    @Test
    void everyBuiltinManifestHasAnImplementationAndNoOtherToolClaimsOne() {
        for (ToolManifest m : BundledTools.all().values()) {
            boolean implemented = m.toolId().startsWith("json.") || m.toolId().startsWith("http.");
            assertEquals(m.exec().builtin() && implemented, BuiltinTool.find(m.toolId()).isPresent(),
                    m.toolId());
        }
    }

    @Test
    void parseReadsStrictJson() {
        assertEquals("{\"a\":[1,2.5,\"x\",null,true]}",
                CanonicalJson.write(call("json.parse", Map.of("text", " {\"a\": [1, 2.5, \"x\", null, true]} "))));
        ToolFailure bad = assertThrows(ToolFailure.class, () -> call("json.parse", Map.of("text", "{\"a\": 1,}")));
        assertTrue(bad.getMessage().startsWith("the text is not JSON: "), bad.getMessage());
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
        assertThrows(ToolFailure.class, () -> call("json.parse", Map.of("text", "{\"a\": 1, \"a\": 2}")));
        assertThrows(ToolFailure.class, () -> call("json.parse", Map.of("text", 3)));
    }

    @Test
    void emitWritesCanonicalText() {
        JsonNode out = call("json.emit", Map.of("value", Map.of("b", 1.0, "a", "é")));
        assertEquals("{\"a\":\"é\",\"b\":1}", out.textValue());
        assertThrows(ToolFailure.class, () -> call("json.emit", Map.of()));
    }
}
