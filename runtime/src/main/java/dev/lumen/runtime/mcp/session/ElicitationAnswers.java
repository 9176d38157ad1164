package dev.lumen.runtime.mcp.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content that {@code elicitation "defaults"} accepts a form with (SEP-1034): each property of the requested
 * schema that has a {@code default}, with that default; a property without one is left out, unless the schema
 * requires it, which no answer can then satisfy.
 */
final class ElicitationAnswers {
    private ElicitationAnswers() {
    }

    /** A required property of the form that has no default. */
    static final class NoDefault extends Exception {
        private static final long serialVersionUID = 1L;

        NoDefault(String property) {
            super(property);
        }

        String property() {
            return getMessage();
        }
    }

    /** The defaults of {@code requestedSchema}'s properties, in their order. */
    static Map<String, Object> defaults(Map<String, Object> requestedSchema) throws NoDefault {
        Map<String, Object> content = new LinkedHashMap<>();
        Object properties = requestedSchema == null ? null : requestedSchema.get("properties");
        if (properties instanceof Map<?, ?> props) {
            for (Map.Entry<?, ?> p : props.entrySet()) {
                if (p.getValue() instanceof Map<?, ?> schema && schema.containsKey("default")) {
                    content.put(String.valueOf(p.getKey()), schema.get("default"));
                }
            }
        }
        Object required = requestedSchema == null ? null : requestedSchema.get("required");
        if (required instanceof List<?> names) {
            for (Object name : names) {
                if (!content.containsKey(String.valueOf(name))) {
                    throw new NoDefault(String.valueOf(name));
                }
            }
        }
        return content;
    }
}
