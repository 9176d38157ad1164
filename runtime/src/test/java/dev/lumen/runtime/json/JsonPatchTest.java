package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON Patch application: the cases of RFC 6902 Appendix A (written out here from the RFC's text), the
 * pointer examples of RFC 6901 §5 as {@code test} operations, and the error of each way an operation can fail.
 */
class JsonPatchTest {

    /** The canonical JSON of {@code patch} applied to {@code document}; the patch is a JSON Patch document. */
    static String applied(String document, String patch) {
        return CanonicalJson.write(JsonPatch.apply(CanonicalJson.parse(document), operations(patch)));
    }

    /** The message of the patch's failure. */
    static String failure(String document, String patch) {
        return assertThrows(JsonPatchException.class,
                () -> JsonPatch.apply(CanonicalJson.parse(document), operations(patch))).getMessage();
    }

    /** A JSON Patch document as operations; members other than op, path and value are ignored (RFC 6902 §4). */
    static List<PatchOperation> operations(String patch) {
        List<PatchOperation> out = new ArrayList<>();
        for (JsonNode op : CanonicalJson.parse(patch)) {
            out.add(new PatchOperation(op.get("op").textValue(), op.get("path").textValue(), op.get("value")));
        }
        return out;
    }

    // ---- RFC 6902 Appendix A ----

    @Test
    void a1AddingAnObjectMember() {
        assertEquals("{\"baz\":\"qux\",\"foo\":\"bar\"}",
                applied("{\"foo\": \"bar\"}", "[{\"op\": \"add\", \"path\": \"/baz\", \"value\": \"qux\"}]"));
    }

    @Test
    void a2AddingAnArrayElement() {
        assertEquals("{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
                applied("{\"foo\": [\"bar\", \"baz\"]}", "[{\"op\": \"add\", \"path\": \"/foo/1\", \"value\": \"qux\"}]"));
    }

    @Test
    void a3RemovingAnObjectMember() {
        assertEquals("{\"foo\":\"bar\"}",
                applied("{\"baz\": \"qux\", \"foo\": \"bar\"}", "[{\"op\": \"remove\", \"path\": \"/baz\"}]"));
    }

    @Test
    void a4RemovingAnArrayElement() {
        assertEquals("{\"foo\":[\"bar\",\"baz\"]}",
                applied("{\"foo\": [\"bar\", \"qux\", \"baz\"]}", "[{\"op\": \"remove\", \"path\": \"/foo/1\"}]"));
    }

    @Test
    void a5ReplacingAValue() {
        assertEquals("{\"baz\":\"boo\",\"foo\":\"bar\"}",
                applied("{\"baz\": \"qux\", \"foo\": \"bar\"}", "[{\"op\": \"replace\", \"path\": \"/baz\", \"value\": \"boo\"}]"));
    }

    /** A.6 and A.7 move values; a move needs a {@code from} location, which the patch model does not have. */
    @Test
    void a6AndA7MovesAreRejectedWithTheirRewrite() {
        assertEquals("patches[0] (move \"/thud/waldo\"): \"move\" is not supported: it needs a \"from\" location, "
                        + "which a patch does not have; write it as a remove and an add",
                failure("{\"foo\": {\"bar\": \"baz\", \"waldo\": \"fred\"}, \"qux\": {\"corge\": \"grault\"}}",
                        "[{\"op\": \"move\", \"from\": \"/foo/waldo\", \"path\": \"/thud/waldo\"}]"));
        assertEquals("patches[0] (copy \"/foo/0\"): \"copy\" is not supported: it needs a \"from\" location, "
                        + "which a patch does not have; write it as an add",
                failure("{\"foo\": [\"all\"]}", "[{\"op\": \"copy\", \"from\": \"/foo/0\", \"path\": \"/foo/0\"}]"));
    }

    /** A.6 and A.7 written with the operations Lumen has: the same results. */
    @Test
    void a6AndA7AsRemoveAndAdd() {
        assertEquals("{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}",
                applied("{\"foo\": {\"bar\": \"baz\", \"waldo\": \"fred\"}, \"qux\": {\"corge\": \"grault\"}}",
                        "[{\"op\": \"remove\", \"path\": \"/foo/waldo\"}, {\"op\": \"add\", \"path\": \"/qux/thud\", \"value\": \"fred\"}]"));
        assertEquals("{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}",
                applied("{\"foo\": [\"all\", \"grass\", \"cows\", \"eat\"]}",
                        "[{\"op\": \"remove\", \"path\": \"/foo/1\"}, {\"op\": \"add\", \"path\": \"/foo/3\", \"value\": \"grass\"}]"));
    }

    @Test
    void a8TestingAValueSucceeds() {
        assertEquals("{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}",
                applied("{\"baz\": \"qux\", \"foo\": [\"a\", 2, \"c\"]}",
                        "[{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"qux\"}, {\"op\": \"test\", \"path\": \"/foo/1\", \"value\": 2}]"));
    }

    @Test
    void a9TestingAValueFails() {
        assertEquals("patches[0] (test \"/baz\"): test failed: \"/baz\" is \"qux\", not \"bar\"",
                failure("{\"baz\": \"qux\"}", "[{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"bar\"}]"));
    }

    @Test
    void a10AddingANestedMemberObject() {
        assertEquals("{\"child\":{\"grandchild\":{}},\"foo\":\"bar\"}",
                applied("{\"foo\": \"bar\"}", "[{\"op\": \"add\", \"path\": \"/child\", \"value\": {\"grandchild\": {}}}]"));
    }

    @Test
    void a11IgnoringUnrecognizedElements() {
        assertEquals("{\"baz\":\"qux\",\"foo\":\"bar\"}",
                applied("{\"foo\": \"bar\"}", "[{\"op\": \"add\", \"path\": \"/baz\", \"value\": \"qux\", \"xyz\": 123}]"));
    }

    @Test
    void a12AddingToANonexistentTarget() {
        assertEquals("patches[0] (add \"/baz/bat\"): \"/baz\" does not exist: the object has no member \"baz\"",
                failure("{\"foo\": \"bar\"}", "[{\"op\": \"add\", \"path\": \"/baz/bat\", \"value\": \"qux\"}]"));
    }

    @Test
    void a14TildeEscapeOrdering() {
        assertEquals("{\"/\":9,\"~1\":10}",
                applied("{\"/\": 9, \"~1\": 10}", "[{\"op\": \"test\", \"path\": \"/~01\", \"value\": 10}]"));
    }

    @Test
    void a15ComparingStringsAndNumbers() {
        assertEquals("patches[0] (test \"/~01\"): test failed: \"/~01\" is 10, not \"10\"",
                failure("{\"/\": 9, \"~1\": 10}", "[{\"op\": \"test\", \"path\": \"/~01\", \"value\": \"10\"}]"));
    }

    @Test
    void a16AddingAnArrayValue() {
        assertEquals("{\"foo\":[\"bar\",[\"abc\",\"def\"]]}",
                applied("{\"foo\": [\"bar\"]}", "[{\"op\": \"add\", \"path\": \"/foo/-\", \"value\": [\"abc\", \"def\"]}]"));
    }

    // ---- RFC 6901 §5: every pointer of the example names the value the RFC says ----

    @Test
    void rfc6901PointersNameTheirValues() {
        String document = """
                {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\\\j": 5,
                 "k\\"l": 6, " ": 7, "m~n": 8}""";
        String tests = """
                [{"op": "test", "path": "", "value": %s},
                 {"op": "test", "path": "/foo", "value": ["bar", "baz"]},
                 {"op": "test", "path": "/foo/0", "value": "bar"},
                 {"op": "test", "path": "/", "value": 0},
                 {"op": "test", "path": "/a~1b", "value": 1},
                 {"op": "test", "path": "/c%%d", "value": 2},
                 {"op": "test", "path": "/e^f", "value": 3},
                 {"op": "test", "path": "/g|h", "value": 4},
                 {"op": "test", "path": "/i\\\\j", "value": 5},
                 {"op": "test", "path": "/k\\"l", "value": 6},
                 {"op": "test", "path": "/ ", "value": 7},
                 {"op": "test", "path": "/m~0n", "value": 8}]""".formatted(document);
        assertEquals(CanonicalJson.canonicalize(document), applied(document, tests));
    }

    // ---- semantics beyond the appendix ----

    @Test
    void operationsApplyInOrderToTheResultOfTheOnesBefore() {
        assertEquals("{\"items\":[\"a\",\"c\",\"d\"]}", applied("{\"items\": [\"a\", \"b\"]}", """
                [{"op": "add", "path": "/items/-", "value": "c"},
                 {"op": "remove", "path": "/items/1"},
                 {"op": "add", "path": "/items/2", "value": "d"}]"""));
    }

    @Test
    void theWholeValueCanBeAddedReplacedAndTestedButNotRemoved() {
        assertEquals("[1]", applied("{\"a\": 1}", "[{\"op\": \"add\", \"path\": \"\", \"value\": [1]}]"));
        assertEquals("7", applied("{\"a\": 1}", "[{\"op\": \"replace\", \"path\": \"\", \"value\": 7}]"));
        assertEquals("{\"a\":1}", applied("{\"a\": 1}", "[{\"op\": \"test\", \"path\": \"\", \"value\": {\"a\": 1.0}}]"));
        assertEquals("patches[0] (remove \"\"): cannot remove the whole value (the path \"\"); replace it instead",
                failure("{\"a\": 1}", "[{\"op\": \"remove\", \"path\": \"\"}]"));
    }

    @Test
    void addSetsAnExistingMemberAndReplaceNeedsOne() {
        assertEquals("{\"a\":2}", applied("{\"a\": 1}", "[{\"op\": \"add\", \"path\": \"/a\", \"value\": 2}]"));
        assertEquals("patches[0] (replace \"/b\"): \"/b\" does not exist: the object has no member \"b\"",
                failure("{\"a\": 1}", "[{\"op\": \"replace\", \"path\": \"/b\", \"value\": 2}]"));
    }

    @Test
    void theEmptyTokenIsTheMemberWithTheEmptyName() {
        assertEquals("{\"\":{\"\":1}}", applied("{\"\": {}}", "[{\"op\": \"add\", \"path\": \"//\", \"value\": 1}]"));
    }

    @Test
    void anInputIsNeverChanged() {
        JsonNode document = CanonicalJson.parse("{\"items\": [1, 2], \"n\": {\"m\": 1}}");
        JsonNode value = CanonicalJson.parse("{\"deep\": [1]}");
        JsonNode result = JsonPatch.apply(document, List.of(
                PatchOperation.add("/items/0", value), PatchOperation.remove("/n/m"), PatchOperation.add("/items/0/deep/-", value)));
        assertEquals("{\"items\":[1,2],\"n\":{\"m\":1}}", CanonicalJson.write(document));
        assertEquals("{\"deep\":[1]}", CanonicalJson.write(value));
        assertEquals("{\"items\":[{\"deep\":[1,{\"deep\":[1]}]},1,2],\"n\":{}}", CanonicalJson.write(result));
    }

    @Test
    void numbersTestEqualByValue() {
        assertEquals("{\"n\":1}", applied("{\"n\": 1}", "[{\"op\": \"test\", \"path\": \"/n\", \"value\": 1.0}]"));
        assertEquals("patches[0] (test \"/n\"): test failed: \"/n\" is 1, not 1.5",
                failure("{\"n\": 1}", "[{\"op\": \"test\", \"path\": \"/n\", \"value\": 1.5}]"));
    }

    // ---- errors ----

    @Test
    void anIndexPastTheEndNamesTheListLength() {
        assertEquals("patches[1] (remove \"/items/3\"): \"/items/3\" does not exist: the list at \"/items\" has 2 elements",
                failure("{\"items\": [1, 2, 3]}",
                        "[{\"op\": \"remove\", \"path\": \"/items/0\"}, {\"op\": \"remove\", \"path\": \"/items/3\"}]"));
        assertEquals("patches[0] (replace \"/0\"): \"/0\" does not exist: the list has 0 elements",
                failure("[]", "[{\"op\": \"replace\", \"path\": \"/0\", \"value\": 1}]"));
        assertEquals("patches[0] (add \"/items/5\"): \"/items/5\" is past the end of the list at \"/items\", which has "
                        + "1 element: add inserts at 0 to 1, or at \"-\" to append",
                failure("{\"items\": [1]}", "[{\"op\": \"add\", \"path\": \"/items/5\", \"value\": 0}]"));
    }

    @Test
    void aTokenThatIsNotAnIndexNamesNoElement() {
        assertEquals("patches[0] (remove \"/items/01\"): \"/items/01\" does not exist: \"01\" is not a list index "
                        + "(0, 1, 2, … without leading zeros)",
                failure("{\"items\": [1, 2]}", "[{\"op\": \"remove\", \"path\": \"/items/01\"}]"));
        assertEquals("patches[0] (replace \"/items/-\"): \"/items/-\" does not exist: \"-\" is the position after "
                        + "the last element of the list at \"/items\", where only add can put a value",
                failure("{\"items\": [1, 2]}", "[{\"op\": \"replace\", \"path\": \"/items/-\", \"value\": 0}]"));
        assertEquals("patches[0] (add \"/items/x\"): \"/items/x\" names no position in the list at \"/items\", which "
                        + "has 2 elements: add inserts at 0 to 2, or at \"-\" to append",
                failure("{\"items\": [1, 2]}", "[{\"op\": \"add\", \"path\": \"/items/x\", \"value\": 0}]"));
    }

    @Test
    void aPathThroughAScalarNamesIt() {
        assertEquals("patches[0] (replace \"/a/b/c\"): \"/a/b\" does not exist: \"/a\" is a string, which has no "
                        + "members or elements",
                failure("{\"a\": \"text\"}", "[{\"op\": \"replace\", \"path\": \"/a/b/c\", \"value\": 0}]"));
        assertEquals("patches[0] (add \"/a/b\"): cannot add to \"/a\": it is a number, not an object or a list",
                failure("{\"a\": 1}", "[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": 0}]"));
    }

    @Test
    void malformedPointersAndOpsAreNamed() {
        assertEquals("patches[0] (remove \"items\"): \"items\" is not a JSON pointer: a pointer is empty (the whole "
                        + "value) or starts with \"/\", as in \"/items\"",
                failure("{}", "[{\"op\": \"remove\", \"path\": \"items\"}]"));
        assertEquals("patches[0] (remove \"/a~2\"): \"/a~2\" is not a JSON pointer: \"~\" must be followed by 0 or 1 "
                        + "(\"~0\" stands for \"~\", \"~1\" for \"/\")",
                failure("{}", "[{\"op\": \"remove\", \"path\": \"/a~2\"}]"));
        assertEquals("patches[0] (delete \"/a\"): unknown op \"delete\": a patch op is add, remove, replace or test",
                failure("{\"a\": 1}", "[{\"op\": \"delete\", \"path\": \"/a\"}]"));
        assertEquals("patches[0] (add \"/a\"): add needs a value",
                failure("{}", "[{\"op\": \"add\", \"path\": \"/a\"}]"));
    }

    @Test
    void theExceptionNamesTheOperation() {
        JsonPatchException e = assertThrows(JsonPatchException.class, () -> JsonPatch.apply(CanonicalJson.parse("[1]"),
                List.of(PatchOperation.test("/0", CanonicalJson.parse("1")), PatchOperation.remove("/1"))));
        assertEquals(1, e.index());
        assertEquals("remove", e.op());
        assertEquals("/1", e.path());
        assertEquals("\"/1\" does not exist: the list has 1 element", e.reason());
    }
}
