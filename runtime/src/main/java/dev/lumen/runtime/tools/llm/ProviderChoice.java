package dev.lumen.runtime.tools.llm;

import dev.lumen.runtime.tools.ToolFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Which provider answers a call, at which endpoint and with which key (tools-llm.md §2). */
final class ProviderChoice {
    static final String PROVIDER_VARIABLE = "LUMEN_LLM_PROVIDER";

    private ProviderChoice() {
    }

    /**
     * LUMEN_LLM_PROVIDER when it is set; otherwise Anthropic for a {@code claude…} model and an
     * OpenAI-compatible endpoint for every other.
     *
     * @throws ToolFailure when LUMEN_LLM_PROVIDER or a base URL is malformed, or a required key is not set
     */
    static ChatProvider choose(Environment environment, String model) {
        String provider = environment.value(PROVIDER_VARIABLE)
                .orElse(model.startsWith("claude") ? "anthropic" : "openai");
        return switch (provider) {
            case "openai" -> openAi(environment);
            case "anthropic" -> anthropic(environment);
            default -> throw new ToolFailure(PROVIDER_VARIABLE + " is `" + provider
                    + "`; it must be openai or anthropic");
        };
    }

    private static OpenAiChat openAi(Environment environment) {
        Optional<String> base = environment.value(OpenAiChat.BASE_URL_VARIABLE);
        String key = key(environment, OpenAiChat.KEY_VARIABLE, base.isEmpty(), "no OpenAI API key: set "
                + OpenAiChat.KEY_VARIABLE + ", or set " + OpenAiChat.BASE_URL_VARIABLE
                + " to an OpenAI-compatible server that needs none (such as Ollama)");
        return new OpenAiChat(baseUrl(OpenAiChat.BASE_URL_VARIABLE, base.orElse(OpenAiChat.DEFAULT_BASE_URL)), key);
    }

    private static AnthropicChat anthropic(Environment environment) {
        Optional<String> base = environment.value(AnthropicChat.BASE_URL_VARIABLE);
        String key = key(environment, AnthropicChat.KEY_VARIABLE, base.isEmpty(),
                "no Anthropic API key: set " + AnthropicChat.KEY_VARIABLE);
        return new AnthropicChat(
                baseUrl(AnthropicChat.BASE_URL_VARIABLE, base.orElse(AnthropicChat.DEFAULT_BASE_URL)), key);
    }

    /**
     * The key in {@code variable}, or null when it is not set and not {@code required} (a base URL of one's own
     * may need none). The key is never shown in a message.
     */
    private static String key(Environment environment, String variable, boolean required, String missing) {
        Optional<String> key = environment.value(variable);
        if (key.isEmpty()) {
            if (required) {
                throw new ToolFailure(missing);
            }
            return null;
        }
        if (!key.get().chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new ToolFailure(variable + " is not a usable key: it holds spaces, control characters or non-ASCII"
                    + " characters, which an HTTP header cannot carry");
        }
        return key.get();
    }

    /** An http(s) URL without query or fragment, trailing slashes dropped, to which the API's path is appended. */
    private static URI baseUrl(String variable, String text) {
        URI uri;
        try {
            uri = new URI(text.replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw new ToolFailure(variable + " is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ToolFailure(variable + " is `" + text + "`; it must be an http:// or https:// URL with a host"
                    + " and no query or fragment");
        }
        return uri;
    }
}
