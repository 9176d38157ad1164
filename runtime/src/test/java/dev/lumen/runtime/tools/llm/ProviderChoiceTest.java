package dev.lumen.runtime.tools.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lumen.runtime.tools.ToolFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderChoiceTest {
    private static final Map<String, String> KEYS = Map.of("OPENAI_API_KEY", "sk-o", "ANTHROPIC_API_KEY", "sk-a");

    private static ChatProvider choose(Map<String, String> env, String model) {
        return ProviderChoice.choose(new Environment(env), model);
    }

    @Test
    void claudeModelsGoToAnthropicAndTheRestToOpenAiCompatibleEndpoints() {
        ChatProvider claude = choose(KEYS, "claude-sonnet-4-5");
        assertInstanceOf(AnthropicChat.class, claude);
        assertEquals("https://api.anthropic.com/v1/messages", claude.endpoint().toString());
        assertEquals("sk-a", claude.headers().get("x-api-key"));
        ChatProvider gpt = choose(KEYS, "gpt-4o-mini");
        assertInstanceOf(OpenAiChat.class, gpt);
        assertEquals("https://api.openai.com/v1/chat/completions", gpt.endpoint().toString());
        assertEquals("Bearer sk-o", gpt.headers().get("authorization"));
        assertInstanceOf(OpenAiChat.class, choose(KEYS, "anthropic/claude-3.5-sonnet"),
                "a router's model name that does not start with claude stays OpenAI-compatible");
    }

    @Test
    void lumenLlmProviderOverridesTheModelsName() {
        assertInstanceOf(OpenAiChat.class, choose(Map.of("LUMEN_LLM_PROVIDER", "openai",
                "OPENAI_BASE_URL", "http://localhost:4000/v1"), "claude-sonnet-4-5"));
        assertInstanceOf(AnthropicChat.class, choose(Map.of("LUMEN_LLM_PROVIDER", "anthropic",
                "ANTHROPIC_API_KEY", "k"), "my-proxy-model"));
        assertInstanceOf(OpenAiChat.class, choose(Map.of("LUMEN_LLM_PROVIDER", " ", "OPENAI_API_KEY", "k"), "llama3"),
                "a blank variable is unset");
        ToolFailure f = assertThrows(ToolFailure.class, () -> choose(Map.of("LUMEN_LLM_PROVIDER", "gemini"), "x"));
        assertEquals("LUMEN_LLM_PROVIDER is `gemini`; it must be openai or anthropic", f.getMessage());
    }

    @Test
    void aMissingKeySaysWhichVariableToSet() {
        ToolFailure openAi = assertThrows(ToolFailure.class, () -> choose(Map.of(), "gpt-4o"));
        assertEquals("no OpenAI API key: set OPENAI_API_KEY, or set OPENAI_BASE_URL to an OpenAI-compatible server that"
                + " needs none (such as Ollama)", openAi.getMessage());
        ToolFailure anthropic = assertThrows(ToolFailure.class, () -> choose(Map.of("OPENAI_API_KEY", "k"), "claude-opus-4-1"));
        assertEquals("no Anthropic API key: set ANTHROPIC_API_KEY", anthropic.getMessage());
    }

    @Test
    void aBaseUrlOfOnesOwnMakesTheKeyOptional() {
        ChatProvider ollama = choose(Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1"), "llama3.2");
        assertEquals("http://localhost:11434/v1/chat/completions", ollama.endpoint().toString());
        assertFalse(ollama.headers().containsKey("authorization"));
        ChatProvider proxy = choose(Map.of("ANTHROPIC_BASE_URL", "https://llm-gateway.example.com/anthropic/"), "claude-x");
        assertEquals("https://llm-gateway.example.com/anthropic/v1/messages", proxy.endpoint().toString());
        assertFalse(proxy.headers().containsKey("x-api-key"));
    }

    @Test
    void aMalformedBaseUrlOrKeyIsAFailureThatDoesNotShowTheKey() {
        ToolFailure scheme = assertThrows(ToolFailure.class, () -> choose(Map.of("OPENAI_BASE_URL", "localhost:11434"), "m"));
        assertEquals("OPENAI_BASE_URL is `localhost:11434`; it must be an http:// or https:// URL with a host and no query"
                + " or fragment", scheme.getMessage());
        ToolFailure syntax = assertThrows(ToolFailure.class, () -> choose(Map.of("ANTHROPIC_BASE_URL", "http://a b"), "claude"));
        assertEquals("ANTHROPIC_BASE_URL is not a URL: Illegal character in authority at index 8: http://a b",
                syntax.getMessage());
        ToolFailure key = assertThrows(ToolFailure.class, () -> choose(Map.of("OPENAI_API_KEY", "sk-secret\nX-Evil: 1"), "m"));
        assertEquals("OPENAI_API_KEY is not a usable key: it holds spaces, control characters or non-ASCII characters,"
                + " which an HTTP header cannot carry", key.getMessage());
    }
}
