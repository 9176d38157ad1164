package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    /** The diff as a list of {@code op path value} lines, checked to turn {@code a} into {@code b}. */
    static List<String> diff(String a, String b) {
        JsonNode before = CanonicalJson.parse(a);
        JsonNode after = CanonicalJson.parse(b);
        List<PatchOperation> patch = JsonDiff.diff(before, after);
        assertEquals(CanonicalJson.write(after), CanonicalJson.write(JsonPatch.apply(before, patch)));
        List<String> lines = new ArrayList<>();
        for (PatchOperation op : patch) {
            lines.add(op.op() + " " + op.path() + (op.value() == null ? "" : " " + CanonicalJson.write(op.value())));
        }
        return lines;
    }

    @Test
    void equalValuesHaveTheEmptyPatch() {
        assertEquals(List.of(), diff("{\"a\": [1, {\"b\": null}], \"c\": \"x\"}", "{\"c\": \"x\", \"a\": [1.0, {\"b\": null}]}"));
    }

    @Test
    void changedMembersAreReplacedWhereTheyChanged() {
        assertEquals(List.of("replace /customer/name \"Ada L.\"", "replace /status \"paid\""),
                diff("{\"status\": \"open\", \"customer\": {\"name\": \"Ada\", \"id\": 7}}",
                        "{\"status\": \"paid\", \"customer\": {\"name\": \"Ada L.\", \"id\": 7}}"));
    }

    @Test
    void membersAreAddedAndRemovedInNameOrder() {
        assertEquals(List.of("add /a 1", "remove /b", "replace /c 3", "add /d~1e 4"),
                diff("{\"c\": 2, \"b\": 0}", "{\"d/e\": 4, \"c\": 3, \"a\": 1}"));
    }

    @Test
    void oneInsertedOrRemovedElementIsOneOperation() {
        assertEquals(List.of("add /1 \"x\""), diff("[\"a\", \"b\", \"c\"]", "[\"a\", \"x\", \"b\", \"c\"]"));
        assertEquals(List.of("remove /0"), diff("[\"a\", \"b\", \"c\"]", "[\"b\", \"c\"]"));
        assertEquals(List.of("add /3 \"d\""), diff("[\"a\", \"b\", \"c\"]", "[\"a\", \"b\", \"c\", \"d\"]"));
        assertEquals(List.of("add /0 \"z\""), diff("[\"a\"]", "[\"z\", \"a\"]"));
    }

    @Test
    void surplusElementsAreRemovedFromTheBackOrInsertedInOrder() {
        assertEquals(List.of("replace /1 \"B\"", "remove /4", "remove /3", "remove /2"),
                diff("[\"a\", \"b\", \"c\", \"d\", \"e\"]", "[\"a\", \"B\"]"));
        assertEquals(List.of("replace /0 0", "add /2 3", "add /3 4"), diff("[1, 2]", "[0, 2, 3, 4]"));
    }

    @Test
    void elementsThatAreContainersAreDiffedInside() {
        assertEquals(List.of("replace /items/1/qty 3"),
                diff("{\"items\": [{\"sku\": \"A\", \"qty\": 1}, {\"sku\": \"B\", \"qty\": 2}]}",
                        "{\"items\": [{\"sku\": \"A\", \"qty\": 1}, {\"sku\": \"B\", \"qty\": 3}]}"));
    }

    @Test
    void differentKindsAndTheWholeValueAreReplaced() {
        assertEquals(List.of("replace  [1]"), diff("{\"a\": 1}", "[1]"));
        assertEquals(List.of("replace /a {\"b\":1}"), diff("{\"a\": [1]}", "{\"a\": {\"b\": 1}}"));
        assertEquals(List.of("replace /a null"), diff("{\"a\": 0}", "{\"a\": null}"));
    }

    @Test
    void theSameValuesGiveTheSamePatchWhateverTheirMemberOrder() {
        assertEquals(diff("{\"x\": 1, \"y\": 2, \"z\": 3}", "{\"y\": 0, \"w\": 9}"),
                diff("{\"z\": 3, \"x\": 1, \"y\": 2}", "{\"w\": 9, \"y\": 0}"));
    }
}
