package dev.lumen.launcher.serve;

import dev.lumen.runtime.json.CanonicalJson;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the outcome of a served call becomes a tool result (mcp-serve.md §3.3, §4): a value as structured content
 * with its JSON as text beside it; an McpContent value as its blocks; a failure, an {@code err}, or arguments
 * that do not validate as a tool error ({@code isError: true}) whose first block is the message and whose second is
 * the error as JSON, field errors and all.
 */
public final class ToolResults {
    /** The member a value that is not an object is wrapped in. */
    public static final String WRAPPED_MEMBER = "result";

    private ToolResults() {
    }

    public static McpSchema.CallToolResult of(ServedCell cell, CallOutcome outcome) {
        return switch (outcome) {
            case CallOutcome.Failed f -> error(f);
            case CallOutcome.Returned r when cell.failsWithErr() -> {
                Map<?, ?> result = (Map<?, ?>) r.value();
                yield result.containsKey("err") ? error(fromErr(result.get("err"))) : value(cell, result.get("ok"));
            }
            case CallOutcome.Returned r -> value(cell, r.value());
        };
    }

    private static McpSchema.CallToolResult value(ServedCell cell, Object value) {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().isError(false);
        switch (cell.shape()) {
            case NONE -> result.content(List.of());
            case CONTENT -> {
                try {
                    result.content(McpContentBlocks.of((Map<?, ?>) value));
                } catch (IllegalArgumentException e) {
                    return error(new CallOutcome.Failed("runtime", "the McpContent `" + cell.name()
                            + "` returned is not a tool result: " + e.getMessage(), null, List.of()));
                }
            }
            case OBJECT, WRAPPED -> {
                Object structured = value;
                if (cell.shape() == ServedCell.Shape.WRAPPED) {
                    Map<String, Object> wrapped = new LinkedHashMap<>();
                    wrapped.put(WRAPPED_MEMBER, value);
                    structured = wrapped;
                }
                result.structuredContent(structured).addTextContent(CanonicalJson.write(structured));
            }
        }
        return result.build();
    }

    /**
     * The {@code err} payload of a returned result: a ValidationError's field errors and every attempt's, any other
     * value as JSON.
     */
    private static CallOutcome.Failed fromErr(Object err) {
        if (err instanceof Map<?, ?> m && m.get("message") instanceof String message && m.get("errors") instanceof List<?> list
                && m.get("attempts") instanceof List<?> tries && m.size() == 3) {
            List<List<Map<String, Object>>> attempts = new ArrayList<>();
            for (Object attempt : tries) {
                attempts.add(fieldErrors((List<?>) attempt));
            }
            return new CallOutcome.Failed("err", message, null, fieldErrors(list), attempts);
        }
        return new CallOutcome.Failed("err", err instanceof String s ? s : CanonicalJson.write(err), null, List.of());
    }

    private static List<Map<String, Object>> fieldErrors(List<?> list) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Object e : list) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fieldError = (Map<String, Object>) e;
            errors.add(fieldError);
        }
        return errors;
    }

    private static McpSchema.CallToolResult error(CallOutcome.Failed f) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", f.kind());
        error.put("message", f.message());
        if (f.location() != null) {
            error.put("location", f.location());
        }
        error.put("errors", f.errors());
        if (!f.attempts().isEmpty()) {
            error.put("attempts", f.attempts());
        }
        String text = f.location() == null ? f.message() : f.message() + "\n  --> " + f.location();
        return McpSchema.CallToolResult.builder().isError(true)
                .addTextContent(text)
                .addTextContent(CanonicalJson.write(Map.of("error", error)))
                .build();
    }
}
