package dev.lumen.launcher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/** A cell's arguments given as JSON ({@code lumen run --arg}, a batch's input lines), as polyglot values. */
public final class JsonArguments {
    private JsonArguments() {
    }

    /** A JSON tree as polyglot values: objects and arrays as proxies, numbers as Long, BigInteger or Double. */
    public static Object of(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> members = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    members.put(e.getKey(), of(e.getValue()));
                }
                return ProxyObject.fromMap(members);
            }
            case ARRAY: {
                List<Object> items = new ArrayList<>();
                node.forEach(item -> items.add(of(item)));
                return ProxyArray.fromList(items);
            }
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
                }
                return node.doubleValue();
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            default:
                return null;
        }
    }
}
