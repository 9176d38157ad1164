package dev.lumen.runtime.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A grant's {@code redact "field"} clauses applied to what Lumen writes down (run.md §6.6): every object member
 * with a redacted name, at any depth, has its value replaced by {@value #MARKER} in trace events and cache
 * entries. The program itself sees the real values. The same rule redacts inside {@code Json} values for the
 * {@code redact} intrinsic (lumen-v1.md §11.2), which keeps the type of every other value.
 */
public final class Redaction {
    public static final String MARKER = "[redacted]";

    private final Set<String> fields;

    private Redaction(Set<String> fields) {
        this.fields = fields;
    }

    /** The redaction a call's grants ask for; nothing when they have no {@code redact} clause. */
    public static Redaction of(Grants grants) {
        return new Redaction(Set.copyOf(grants.strings("redact")));
    }

    /** The redaction of the members with these names. */
    public static Redaction ofFields(Collection<String> fields) {
        return new Redaction(Set.copyOf(fields));
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** {@code value} with the redacted members replaced; the same object when nothing was redacted. */
    public JsonNode apply(JsonNode value) {
        return fields.isEmpty() ? value : redact(value);
    }

    private JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = null;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode replaced = fields.contains(e.getKey()) ? JsonNodeFactory.instance.textNode(MARKER) : redact(e.getValue());
                if (replaced != e.getValue() && !(fields.contains(e.getKey()) && MARKER.equals(e.getValue().textValue()))) {
                    if (copy == null) {
                        copy = ((ObjectNode) node).deepCopy();
                    }
                    copy.set(e.getKey(), replaced);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode replaced = redact(node.get(i));
                if (replaced != node.get(i)) {
                    if (copy == null) {
                        copy = ((ArrayNode) node).deepCopy();
                    }
                    copy.set(i, replaced);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }
}
