package dev.lumen.runtime.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.json.JsonPointer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A grant's {@code redact} clauses applied to what Lumen writes down (run.md §6.3a): in trace events and cache
 * entries, every object member with a redacted name, at any depth, and every value a redacted JSON pointer
 * leads to, has its value replaced by {@value #MARKER}. The program itself sees the real values.
 *
 * <p>A grant's names and pointer tokens match member names without regard to case: header names are
 * case-insensitive (RFC 9110), and servers, HTTP/2 and the JDK's client spell them in lower case. A pointer
 * that reaches a string holding JSON text, or base64 text of UTF-8 JSON (a {@code Bytes} value such as an HTTP
 * body), goes on inside it ({@link EmbeddedJson}).
 *
 * <p>The same walk redacts inside {@code Json} values for the {@code redact} intrinsic (lumen-v1.md §11.2),
 * whose names match exactly and which has no pointers ({@link #ofFields}).
 */
public final class Redaction {
    public static final String MARKER = "[redacted]";
    /** Redacts nothing. */
    public static final Redaction NONE = new Redaction(Set.of(), false, List.of());

    /** The names redacted, lower-cased when {@link #ignoreCase}. */
    private final Set<String> names;
    private final boolean ignoreCase;
    private final List<JsonPointer> pointers;

    private Redaction(Set<String> names, boolean ignoreCase, List<JsonPointer> pointers) {
        this.names = names;
        this.ignoreCase = ignoreCase;
        this.pointers = pointers;
    }

    /**
     * The redaction a call's grants ask for; nothing when they have no {@code redact} clause. A value that
     * starts with {@code /} is a JSON pointer, any other a member name.
     *
     * @throws IllegalArgumentException for a value that starts with {@code /} and is not a JSON pointer (the
     *         front end and the LIR verifier refuse such grants)
     */
    public static Redaction of(Grants grants) {
        List<String> values = grants.strings("redact");
        if (values.isEmpty()) {
            return NONE;
        }
        Set<String> names = values.stream().filter(v -> !isPointer(v)).map(Redaction::fold).collect(Collectors.toSet());
        List<JsonPointer> pointers = values.stream().filter(Redaction::isPointer).distinct().map(JsonPointer::parse).toList();
        return new Redaction(Set.copyOf(names), true, pointers);
    }

    /** The redaction of the members with exactly these names ({@code redact(v, names)} on Json values). */
    public static Redaction ofFields(Collection<String> fields) {
        return new Redaction(Set.copyOf(fields), false, List.of());
    }

    /** Whether a {@code redact} value is a JSON pointer rather than a member name. */
    public static boolean isPointer(String value) {
        return value.startsWith("/");
    }

    public boolean isEmpty() {
        return names.isEmpty() && pointers.isEmpty();
    }

    /** {@code value} with the redacted members replaced; the same object when nothing was redacted. */
    public JsonNode apply(JsonNode value) {
        return isEmpty() ? value : new Walk().run(value);
    }

    /** What the trace and the cache show of {@code value}, and what was taken out of it. */
    public Redacted redact(CanonicalValue value) {
        if (isEmpty()) {
            return Redacted.unchanged(value);
        }
        JsonNode tree = value.tree();
        Walk walk = new Walk();
        JsonNode shown = walk.run(tree);
        return shown == tree ? Redacted.unchanged(value) : new Redacted(CanonicalValue.of(shown), true, walk.removed);
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private boolean named(String key) {
        return names.contains(ignoreCase ? fold(key) : key);
    }

    private boolean sameName(String key, String token) {
        return ignoreCase ? fold(key).equals(fold(token)) : key.equals(token);
    }

    /** One redaction of one value: the texts it removed, for {@link Redacted#scrub}. */
    private final class Walk {
        final List<String> removed = new ArrayList<>();

        JsonNode run(JsonNode value) {
            JsonNode out = names.isEmpty() ? value : byName(value);
            for (JsonPointer pointer : pointers) {
                out = byPointer(out, pointer.tokens(), 0);
            }
            return out;
        }

        private JsonNode byName(JsonNode node) {
            if (node.isObject()) {
                ObjectNode copy = null;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    JsonNode replaced = named(e.getKey()) ? marked(e.getValue()) : byName(e.getValue());
                    if (replaced != e.getValue()) {
                        copy = copy != null ? copy : JsonNodeFactory.instance.objectNode().setAll((ObjectNode) node);
                        copy.set(e.getKey(), replaced);
                    }
                }
                return copy == null ? node : copy;
            }
            if (node.isArray()) {
                ArrayNode copy = null;
                for (int i = 0; i < node.size(); i++) {
                    JsonNode replaced = byName(node.get(i));
                    if (replaced != node.get(i)) {
                        copy = copy != null ? copy : JsonNodeFactory.instance.arrayNode().addAll((ArrayNode) node);
                        copy.set(i, replaced);
                    }
                }
                return copy == null ? node : copy;
            }
            return node;
        }

        /** {@code node} with what {@code tokens[at…]} leads to replaced; a string holding JSON is read on. */
        private JsonNode byPointer(JsonNode node, List<String> tokens, int at) {
            String token = tokens.get(at);
            boolean last = at == tokens.size() - 1;
            if (node.isObject()) {
                ObjectNode copy = null;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    if (!sameName(e.getKey(), token)) {
                        continue;
                    }
                    JsonNode replaced = last ? marked(e.getValue()) : byPointer(e.getValue(), tokens, at + 1);
                    if (replaced != e.getValue()) {
                        copy = copy != null ? copy : JsonNodeFactory.instance.objectNode().setAll((ObjectNode) node);
                        copy.set(e.getKey(), replaced);
                    }
                }
                return copy == null ? node : copy;
            }
            if (node.isArray()) {
                int index = JsonPointer.index(token);
                if (index < 0 || index >= node.size()) {
                    return node;
                }
                JsonNode replaced = last ? marked(node.get(index)) : byPointer(node.get(index), tokens, at + 1);
                if (replaced == node.get(index)) {
                    return node;
                }
                ArrayNode copy = JsonNodeFactory.instance.arrayNode().addAll((ArrayNode) node);
                copy.set(index, replaced);
                return copy;
            }
            if (node.isTextual()) {
                return EmbeddedJson.read(node.textValue())
                        .map(embedded -> {
                            JsonNode inside = byPointer(embedded.tree(), tokens, at);
                            return inside == embedded.tree() ? node : JsonNodeFactory.instance.textNode(embedded.write(inside));
                        })
                        .orElse(node);
            }
            return node;
        }

        /** The marker in place of {@code value}, whose texts are noted as removed; a marker already there stays. */
        private JsonNode marked(JsonNode value) {
            if (MARKER.equals(value.textValue())) {
                return value;
            }
            removedTexts(value);
            return JsonNodeFactory.instance.textNode(MARKER);
        }

        private void removedTexts(JsonNode value) {
            if (value.isTextual() || value.isNumber()) {
                String text = value.asText();
                if (!text.isEmpty() && !text.equals(MARKER)) {
                    removed.add(text);
                }
            }
            value.forEach(this::removedTexts);
        }
    }
}
