package dev.lumen.runtime.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lumen.runtime.json.CanonicalJson;
import org.junit.jupiter.api.Test;

/** A server's sampling request as the input of an llm.chat call (mcp-bridge-v1.md §11.3). */
class SamplingMessagesTest {
    private static String input(String params) {
        return CanonicalJson.write(SamplingMessages.chatInput(CanonicalJson.parse(params)));
    }

    @Test
    void theSystemPromptComesFirstAndBlocksOfAMessageAreJoined() {
        assertEquals("{\"messages\":[{\"content\":\"Be brief.\",\"role\":\"system\"},{\"content\":\"Hi\",\"role\":"
                + "\"user\"},{\"content\":\"Hello.\\nHow can I help?\",\"role\":\"assistant\"}]}",
                input("""
                        {"systemPrompt": "Be brief", "messages": [
                          {"role": "user", "content": {"type": "text", "text": "Hi"}},
                          {"role": "assistant", "content": [{"type": "text", "text": "Hello."},
                                                            {"type": "text", "text": "How can I help?"}]}],
                         "maxTokens": 5, "temperature": 0.9}""".replace("Be brief", "Be brief.")));
    }

    @Test
    void onlyTextCanBeSampled() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> input("""
                {"messages": [{"role": "user", "content": {"type": "text", "text": "Look:"}},
                              {"role": "user", "content": {"type": "image", "data": "AA==", "mimeType": "image/png"}}]}
                """));
        assertEquals("message 2 holds a block of type `image`, and Lumen samples text only", error.getMessage());
        assertEquals("the request has no messages",
                assertThrows(IllegalArgumentException.class, () -> input("{\"messages\": []}")).getMessage());
    }

    @Test
    void defaultsLeaveOutOptionalPropertiesWithoutOne() throws Exception {
        assertEquals("{\"n\":1}", CanonicalJson.write(ElicitationAnswers.defaults(java.util.Map.of("properties",
                java.util.Map.of("n", java.util.Map.of("type", "integer", "default", 1),
                        "note", java.util.Map.of("type", "string"))))));
        assertEquals("{}", CanonicalJson.write(ElicitationAnswers.defaults(java.util.Map.of())));
    }
}
