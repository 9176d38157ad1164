package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Equality of JSON values as RFC 6902's {@code test} and Lumen's {@code ==} on Json see it: numbers by value
 * (integers that fit 64 bits exactly, any other pair of numbers as binary64, so {@code 1} equals {@code 1.0}),
 * strings by their characters, lists element by element, objects by their members whatever their order.
 * Jackson's own {@code equals} is not used: it tells an {@code IntNode} from a {@code LongNode} of the same value.
 */
public final class JsonEquality {
    private JsonEquality() {
    }

    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        return switch (a.getNodeType()) {
            case NUMBER -> sameNumber(a, b);
            case STRING -> a.textValue().equals(b.textValue());
            case BOOLEAN -> a.booleanValue() == b.booleanValue();
            case NULL -> true;
            case ARRAY -> sameElements(a, b);
            case OBJECT -> sameMembers(a, b);
            default -> a.equals(b);
        };
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            return a.longValue() == b.longValue();
        }
        return a.doubleValue() == b.doubleValue();
    }

    private static boolean sameElements(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameMembers(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> member : a.properties()) {
            JsonNode other = b.get(member.getKey());
            if (other == null || !equal(member.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
