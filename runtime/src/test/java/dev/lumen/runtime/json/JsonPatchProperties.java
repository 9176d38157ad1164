package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Diff and patch agree on random JSON: {@code apply(a, diff(a, b))} is b, equal values have the empty patch,
 * the patch depends only on the values, and neither operation changes its inputs. Values are drawn from small
 * alphabets (member names with {@code /}, {@code ~} and {@code -}, a few numbers and strings), so two random
 * values share much of their structure.
 */
class JsonPatchProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Provide
    Arbitrary<JsonNode> json() {
        return value(4);
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NullNode.getInstance()),
                Arbitraries.of(true, false).map(BooleanNode::valueOf),
                Arbitraries.longs().between(-2, 3).map(LongNode::valueOf),
                Arbitraries.of(0.5, 2.0, -1e300).map(DoubleNode::valueOf),
                Arbitraries.of("", "a", "b", "~1", "/").map(TextNode::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> child = value(depth - 1);
        Arbitrary<JsonNode> list = child.list().ofMaxSize(5).map(items -> {
            ArrayNode node = NODES.arrayNode();
            node.addAll(items);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of("a", "b", "c", "", "a/b", "~0", "-", "0"), child)
                .ofMaxSize(4).map(members -> {
                    ObjectNode node = NODES.objectNode();
                    members.forEach(node::set);
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, list), Tuple.of(2, object));
    }

    @Property(tries = 2000)
    void patchingWithTheDiffGivesTheSecondValue(@ForAll("json") JsonNode a, @ForAll("json") JsonNode b) {
        JsonNode result = JsonPatch.apply(a, JsonDiff.diff(a, b));
        assertTrue(JsonEquality.equal(result, b), () -> CanonicalJson.write(result) + " is not " + CanonicalJson.write(b));
        assertEquals(CanonicalJson.write(b), CanonicalJson.write(result));
    }

    @Property
    void equalValuesHaveTheEmptyDiff(@ForAll("json") JsonNode a) {
        assertEquals(List.of(), JsonDiff.diff(a, a.deepCopy()));
        assertEquals(List.of(), JsonDiff.diff(a, reordered(a)));
    }

    @Property
    void theDiffDependsOnlyOnTheValues(@ForAll("json") JsonNode a, @ForAll("json") JsonNode b) {
        assertEquals(text(JsonDiff.diff(a, b)), text(JsonDiff.diff(reordered(a), reordered(b))));
    }

    @Property
    void neitherOperationChangesItsInputs(@ForAll("json") JsonNode a, @ForAll("json") JsonNode b) {
        String before = CanonicalJson.write(a);
        String after = CanonicalJson.write(b);
        List<PatchOperation> patch = JsonDiff.diff(a, b);
        JsonNode result = JsonPatch.apply(a, patch);
        if (result.isContainerNode()) {
            result.forEach(child -> {
                if (child instanceof ObjectNode o) {
                    o.put("changed after the patch", true);
                }
            });
        }
        assertEquals(before, CanonicalJson.write(a));
        assertEquals(after, CanonicalJson.write(b));
    }

    /** A deep copy whose objects list their members in reverse order. */
    private static JsonNode reordered(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
            Collections.reverse(members);
            ObjectNode copy = NODES.objectNode();
            members.forEach(m -> copy.set(m.getKey(), reordered(m.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode list) {
            ArrayNode copy = NODES.arrayNode();
            list.forEach(e -> copy.add(reordered(e)));
            return copy;
        }
        return node;
    }

    private static List<String> text(List<PatchOperation> patch) {
        return patch.stream().map(op -> op.op() + " " + op.path() + " "
                + (op.value() == null ? "" : CanonicalJson.write(op.value()))).toList();
    }
}
