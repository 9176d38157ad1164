package dev.lumen.lir.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.Map;

/**
 * Lumen's {@code Json} values and the JSON form of every value.
 *
 * <p>A {@code Json} value is represented by its JSON tree made of ordinary Lumen values: {@code null}
 * ({@link LumenNull}), Bool, Int (integers that fit 64 bits), Float (other numbers), String, {@link LumenList}
 * (arrays) and {@link LumenMap} (objects). The type is opaque in the language, so no operation can tell a
 * Json array from a list; hosts see the tree through interop as they see lists and maps.
 *
 * <p>The JSON form of a value ({@code to_json}, {@code hash}, the canonical text of containers,
 * {@code lumen run} output): records and maps are objects, lists arrays, enum values their variant name,
 * results {@code {"ok": v}} or {@code {"err": e}}, Bytes base64 text (RFC 4648, padded); Floats that JSON
 * cannot carry (NaN, infinities) are a runtime error. Canonical JSON text is RFC 8785 via {@link CanonicalJson}.
 */
public final class LumenJson {
    private LumenJson() {
    }

    /** The canonical JSON text of a value. */
    @TruffleBoundary
    public static String text(Object value) {
        try {
            return CanonicalJson.write(value);
        } catch (IllegalArgumentException e) {
            throw new LumenFailure("value has no JSON form: " + e.getMessage());
        }
    }

    /** {@code to_json}: the value's JSON tree (a {@code Json} value). */
    @TruffleBoundary
    public static Object toTree(Object value) {
        return tree(value, 0);
    }

    private static Object tree(Object value, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            throw new LumenFailure("value nested deeper than " + CanonicalJson.MAX_DEPTH + " levels has no JSON form");
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new LumenFailure("value has no JSON form: JSON cannot represent " + LumenText.floatText(d));
        }
        if (value instanceof Long || value instanceof Double || value instanceof Boolean || value instanceof String
                || value == LumenNull.INSTANCE) {
            return value;
        }
        if (value instanceof LumenEnumValue e) {
            return e.name();
        }
        if (value instanceof LumenBytes b) {
            return b.base64();
        }
        if (value instanceof LumenList l) {
            Object[] items = new Object[l.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = LumenContainer.share(tree(l.get(i), depth + 1));
            }
            return LumenList.wrap(items);
        }
        if (value instanceof LumenMap m) {
            String[] keys = m.sortedKeys();
            Object[] pairs = new Object[keys.length * 2];
            for (int i = 0; i < keys.length; i++) {
                pairs[2 * i] = keys[i];
                pairs[2 * i + 1] = tree(m.get(keys[i]), depth + 1);
            }
            return LumenMap.ofPairs(pairs);
        }
        if (value instanceof LumenRecord r) {
            Object[] pairs = new Object[r.fieldCount() * 2];
            for (int i = 0; i < r.fieldCount(); i++) {
                pairs[2 * i] = r.type().fieldName(i);
                pairs[2 * i + 1] = tree(r.get(i), depth + 1);
            }
            return LumenMap.ofPairs(pairs);
        }
        if (value instanceof LumenResult r) {
            return LumenMap.ofPairs(new Object[] {r.isOk() ? "ok" : "err", tree(r.value(), depth + 1)});
        }
        throw new LumenFailure("value has no JSON form: " + LumenValues.typeName(value));
    }

    /**
     * The JSON form of a value ({@link #toTree}) as a Jackson tree, for the runtime's JSON operations (patch,
     * diff, redaction): Ints stay integers and Floats floating point numbers, so {@link #fromTree} gives the
     * same Json tree back.
     */
    @TruffleBoundary
    public static JsonNode toNode(Object value) {
        return node(toTree(value));
    }

    private static JsonNode node(Object tree) {
        if (tree instanceof String s) {
            return TextNode.valueOf(s);
        } else if (tree instanceof Long l) {
            return LongNode.valueOf(l);
        } else if (tree instanceof Double d) {
            return DoubleNode.valueOf(d);
        } else if (tree instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        } else if (tree instanceof LumenList l) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(l.size());
            for (int i = 0; i < l.size(); i++) {
                array.add(node(l.get(i)));
            }
            return array;
        } else if (tree instanceof LumenMap m) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (String key : m.sortedKeys()) {
                object.set(key, node(m.get(key)));
            }
            return object;
        }
        return NullNode.getInstance();
    }

    /**
     * A JSON document (a tool's output, a recorded value) as a Json tree: integers that fit 64 bits are Ints,
     * other numbers Floats.
     */
    @TruffleBoundary
    public static Object fromTree(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Object[] pairs = new Object[node.size() * 2];
                int i = 0;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    pairs[i++] = e.getKey();
                    pairs[i++] = fromTree(e.getValue());
                }
                return LumenMap.ofPairs(pairs);
            }
            case ARRAY: {
                Object[] items = new Object[node.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = LumenContainer.share(fromTree(node.get(i)));
                }
                return LumenList.wrap(items);
            }
            case NUMBER:
                return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            default:
                return LumenNull.INSTANCE;
        }
    }

    /**
     * {@code hash}: {@code "sha256:"} and 64 lowercase hex digits, the SHA-256 of the UTF-8 canonical JSON of
     * the value's JSON form (lumen-v1 §11).
     */
    @TruffleBoundary
    public static String hash(Object value) {
        return CanonicalJson.sha256(text(value));
    }
}
