package dev.lumen.launcher.otel;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanBuilder;
import java.util.Set;

/**
 * The OpenTelemetry GenAI semantic conventions on a model call's span. {@code llm.chat} records its figures
 * under the conventions' names (tools-llm.md §8), so they are copied as they are; a call answered from the
 * cache has none but the operation.
 */
final class GenAiAttributes {
    private static final String PROVIDER = "gen_ai.provider.name";
    private static final String REQUEST_MODEL = "gen_ai.request.model";
    /** A metric in the conventions, not a span attribute: the span's own duration says it. */
    private static final String DURATION = "gen_ai.client.operation.duration";

    private GenAiAttributes() {
    }

    static void modelCall(SpanBuilder builder, JsonNode usage) {
        builder.setAttribute("gen_ai.operation.name", "chat");
        if (usage == null || !usage.isObject()) {
            return;
        }
        TraceSpans.copyFigures(builder, usage, Set.of(DURATION));
        JsonNode provider = usage.get(PROVIDER);
        if (provider != null && provider.isTextual()) {
            // the attribute's name before the conventions renamed it, which many back ends still read
            builder.setAttribute("gen_ai.system", provider.textValue());
        }
    }

    /** The model the call asked for, or null when the trace does not say (a cached call). */
    static String requestModel(JsonNode usage) {
        JsonNode model = usage == null ? null : usage.get(REQUEST_MODEL);
        return model != null && model.isTextual() ? model.textValue() : null;
    }
}
