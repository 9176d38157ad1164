package dev.lumen.runtime.tools.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one call for {@code ToolResult.usage}, named after OpenTelemetry's gen_ai semantic
 * conventions so that traces can be exported as spans as they are. What the reply did not say is left out.
 */
final class GenAiUsage {
    private GenAiUsage() {
    }

    static Map<String, Object> of(ChatProvider provider, ChatSettings settings, ChatReply reply, double seconds) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("gen_ai.operation.name", "chat");
        usage.put("gen_ai.provider.name", provider.name());
        usage.put("gen_ai.request.model", settings.model());
        usage.put("gen_ai.request.max_tokens", settings.maxTokens());
        settings.temperature().ifPresent(t -> usage.put("gen_ai.request.temperature", t));
        if (reply.id() != null) {
            usage.put("gen_ai.response.id", reply.id());
        }
        if (reply.model() != null) {
            usage.put("gen_ai.response.model", reply.model());
        }
        usage.put("gen_ai.response.finish_reasons", reply.finishReasons());
        reply.tokens().ifPresent(t -> {
            usage.put("gen_ai.usage.input_tokens", t.input());
            usage.put("gen_ai.usage.output_tokens", t.output());
        });
        usage.put("gen_ai.client.operation.duration", seconds);
        return usage;
    }
}
