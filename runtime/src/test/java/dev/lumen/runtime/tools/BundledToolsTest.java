package dev.lumen.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundledToolsTest {

    @Test
    void everyBundledToolLoads() {
        assertEquals(BundledTools.IDS, List.copyOf(BundledTools.all().keySet()));
        for (ToolManifest m : BundledTools.all().values()) {
            assertEquals("1.0.0", m.version());
            assertTrue(m.exec().builtin(), m.toolId());
            assertTrue(m.input().isRecord(), m.toolId());
        }
    }

    @Test
    void httpGetMatchesTheBlueprintManifest() {
        ToolManifest get = BundledTools.find("http.get").orElseThrow();
        assertEquals(List.of("url", "headers"), List.copyOf(get.input().fields().keySet()));
        assertTrue(get.input().fields().get("headers").optional());
        assertEquals("matches", get.input().fields().get("url").constraints().get(0).kind());
        assertEquals("^https?://", get.input().fields().get("url").constraints().get(0).arguments().get("pattern"));
        assertEquals("Bytes", get.output().fields().get("body").type());
        assertTrue(get.supports(Capability.DOMAIN));
        assertTrue(get.supports(Capability.RATE_LIMIT));
        assertFalse(get.supports(Capability.MODEL));
    }

    @Test
    void llmChatTakesPositionalRoleMessages() {
        ToolManifest chat = BundledTools.find("llm.chat").orElseThrow();
        assertEquals("messages", chat.input().positional());
        assertEquals("list[RoleText]", chat.input().fields().get("messages").type());
        assertEquals("String", chat.output().type());
        assertEquals(Set.of(Capability.MODEL, Capability.MAX_TOKENS, Capability.TEMPERATURE, Capability.TOKEN_BUDGET,
                Capability.TIMEOUT_MS, Capability.RATE_LIMIT, Capability.REDACT, Capability.STRUCTURED), chat.capabilities());
    }

    @Test
    void malformedManifestsSayWhatIsWrong() {
        ManifestException e = assertThrows(ManifestException.class, () -> ToolManifest.parse("""
                {"tool_id": "x.y", "version": "1.0.0", "input_schema": {"type": "record", "fields": {}},
                 "output_schema": {"type": "String"}, "capabilities": {"supports_teleport": true},
                 "exec": {"builtin": true}}"""));
        assertEquals("manifest of `x.y`: unknown capability `supports_teleport`", e.getMessage());
        e = assertThrows(ManifestException.class, () -> ToolManifest.parse("[1]"));
        assertEquals("tool manifest must be a JSON object", e.getMessage());
    }

    @Test
    void everyBundledToolDeclaresWhatItsCallsDo() {
        Map<String, Effect> effects = new LinkedHashMap<>();
        BundledTools.all().forEach((id, m) -> effects.put(id, m.effect()));
        assertEquals(Map.of("http.get", Effect.READ, "http.post", Effect.WRITE, "llm.chat", Effect.PURE,
                "fs.read", Effect.READ, "fs.write", Effect.WRITE, "json.parse", Effect.PURE, "json.emit", Effect.PURE),
                effects);
    }

    private static final String MANIFEST = """
            {"tool_id": "x.y", "version": "1.0.0", "input_schema": {"type": "record", "fields": {}},
             "output_schema": {"type": "String"}, EFFECT "exec": {"command": "x"}}""";

    @Test
    void aManifestWithoutAnEffectIsTakenAsAWriteAndAnUnknownEffectIsAnError() {
        assertEquals(Effect.WRITE, ToolManifest.parse(MANIFEST.replace("EFFECT", "")).effect());
        assertEquals(Effect.READ, ToolManifest.parse(MANIFEST.replace("EFFECT", "\"effect\": \"read\",")).effect());
        ManifestException e = assertThrows(ManifestException.class,
                () -> ToolManifest.parse(MANIFEST.replace("EFFECT", "\"effect\": \"reed\",")));
        assertEquals("manifest of `x.y`: `effect` must be \"pure\", \"read\" or \"write\", not \"reed\"", e.getMessage());
        e = assertThrows(ManifestException.class, () -> ToolManifest.parse(MANIFEST.replace("EFFECT", "\"effect\": null,")));
        assertEquals("manifest of `x.y`: `effect` must be \"pure\", \"read\" or \"write\", not null", e.getMessage());
    }

    @Test
    void clausesMapToCapabilities() {
        assertEquals(Capability.REDACT, Capability.byClause("redact").orElseThrow());
        assertEquals(Capability.DOMAIN, Capability.byManifestKey("supports_domain_allowlist").orElseThrow());
        assertTrue(Capability.DOMAIN.repeatable());
        assertFalse(Capability.TIMEOUT_MS.repeatable());
    }
}
