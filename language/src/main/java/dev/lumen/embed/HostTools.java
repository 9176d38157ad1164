package dev.lumen.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.Proxy;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Offers a Java function to the Lumen documents of a context as a tool (tool-manifest-v1.md §8). A document
 * imports it with {@code use tool <tool id> as Alias} and grants it like any tool; its calls are typed from the
 * manifest, traced, and cached when the manifest says {@code "effect": "pure"}.
 *
 * <pre>{@code
 * try (Context context = Context.newBuilder("lumen").allowPolyglotAccess(PolyglotAccess.ALL).build()) {
 *     HostTools.define(context, """
 *         {"tool_id": "text.shout", "version": "1.0.0", "effect": "pure",
 *          "input_schema": {"type": "record", "fields": {"text": {"type": "String"}}},
 *          "output_schema": {"type": "record", "fields": {"text": {"type": "String"}}}}
 *         """, input -> Map.of("text", ((String) input.get("text")).toUpperCase()));
 *     Value module = context.eval(Source.create("lumen", document));
 * }
 * }</pre>
 *
 * The context must let Lumen read the polyglot bindings ({@code allowPolyglotAccess(PolyglotAccess.ALL)}, or
 * {@code PolyglotAccess.newBuilder().allowBindingsAccess("lumen")}): the tool is offered there, as the binding
 * {@code lumen.tool.<tool id>}, which a JavaScript host can also set itself.
 */
public final class HostTools {
    /** The prefix of the polyglot bindings that offer tools; the tool id follows it. */
    public static final String BINDING_PREFIX = "lumen.tool.";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HostTools() {
    }

    /**
     * Offers {@code function} as the tool {@code manifestJson} describes, replacing an earlier offer of its id.
     * The function gets the call's input as a map from input name to value (Strings, Longs, Doubles, Booleans,
     * nulls, {@code List}s and {@code Map}s) and returns the output: a {@code Map}, a {@code List}, a record, a
     * bean, a String, a number, a boolean or null, read as JSON (as Jackson writes it), or a polyglot
     * {@link Value} or {@link Proxy}, passed on as it is. An exception it throws fails the call, with the
     * exception's message.
     *
     * @param manifestJson a tool manifest whose {@code exec} is {@code {"host": true}} or absent
     * @return the tool id
     * @throws IllegalArgumentException when the manifest is not a valid host tool manifest
     */
    public static String define(Context context, String manifestJson, Function<Map<String, Object>, Object> function) {
        ToolManifest manifest;
        try {
            manifest = ToolManifest.parseHost(manifestJson);
        } catch (ManifestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ProxyExecutable call = arguments -> output(function.apply(input(arguments[0])));
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("manifest", manifestJson);
        offer.put("call", call);
        context.getPolyglotBindings().putMember(BINDING_PREFIX + manifest.toolId(), ProxyObject.fromMap(offer));
        return manifest.toolId();
    }

    /** The call's input, a JSON object, as plain Java values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Value value) {
        return (Map<String, Object>) PlainValues.of(value);
    }

    /** What the function returned, as a value the guest can read whatever host access the context allows. */
    private static Object output(Object result) {
        if (result instanceof Value || result instanceof Proxy) {
            return result;
        }
        JsonNode tree;
        try {
            tree = JSON.valueToTree(result);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the function returned a " + result.getClass().getName()
                    + ", which cannot be read as JSON: " + e.getMessage(), e);
        }
        return guest(tree);
    }

    private static Object guest(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            node.properties().forEach(e -> members.put(e.getKey(), guest(e.getValue())));
            return ProxyObject.fromMap(members);
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(guest(item)));
            return ProxyArray.fromList(items);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        return node.asText();
    }
}
