package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Applies a JSON Patch (RFC 6902) to a JSON value: the operations in order, each on the result of the ones
 * before; the first that does not apply stops the patch with a {@link JsonPatchException} naming it. The
 * input is never changed; the result shares no nodes with the input or the operations.
 *
 * <ul>
 *   <li>{@code add}: at {@code ""} the value becomes the whole result; in an object it sets the member (adding
 *       or replacing it); in a list it inserts at the index (0 to the length; {@code -} appends). The object
 *       or list it adds to must exist.
 *   <li>{@code remove}: removes the member or element, which must exist. The whole value cannot be removed.
 *   <li>{@code replace}: replaces the value, which must exist ({@code ""}: the whole value).
 *   <li>{@code test}: the value must exist and equal the operation's value ({@link JsonEquality}).
 *   <li>{@code move} and {@code copy} are rejected: they need a {@code from} location (see
 *       {@link PatchOperation}); any other op is unknown.
 * </ul>
 */
public final class JsonPatch {
    private JsonPatch() {
    }

    /** Why one operation does not apply; becomes a {@link JsonPatchException} naming the operation. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The value {@code document} becomes when the operations are applied in order.
     *
     * @throws JsonPatchException for the first operation that does not apply
     */
    public static JsonNode apply(JsonNode document, List<PatchOperation> operations) {
        JsonNode result = document.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation operation = operations.get(i);
            try {
                result = apply(result, operation);
            } catch (Failure f) {
                throw new JsonPatchException(i, operation, f.getMessage());
            }
        }
        return result;
    }

    /** Applies one operation to {@code doc} (in place where it can) and returns the result. */
    private static JsonNode apply(JsonNode doc, PatchOperation operation) {
        String op = operation.op() == null ? "" : operation.op();
        switch (op) {
            case "add", "remove", "replace", "test" -> {
            }
            case "move", "copy" -> throw new Failure("\"" + op + "\" is not supported: it needs a \"from\" location,"
                    + " which a patch does not have; write it as " + (op.equals("move") ? "a remove and an add" : "an add"));
            default -> throw new Failure("unknown op " + Shown.quote(op) + ": a patch op is add, remove, replace or test");
        }
        JsonNode value = operation.value();
        if (value == null && !op.equals("remove")) {
            throw new Failure(op + " needs a value");
        }
        JsonPointer target;
        try {
            target = JsonPointer.parse(operation.path() == null ? "" : operation.path());
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
        return switch (op) {
            case "add" -> add(doc, target, value);
            case "remove" -> remove(doc, target);
            case "replace" -> replace(doc, target, value);
            default -> test(doc, target, value);
        };
    }

    private static JsonNode add(JsonNode doc, JsonPointer target, JsonNode value) {
        if (target.isRoot()) {
            return value.deepCopy();
        }
        JsonNode parent = locate(doc, target, target.tokens().size() - 1);
        String token = target.last();
        if (parent instanceof ObjectNode object) {
            object.set(token, value.deepCopy());
        } else if (parent instanceof ArrayNode list) {
            if (token.equals(JsonPointer.END)) {
                list.add(value.deepCopy());
                return doc;
            }
            int index = JsonPointer.index(token);
            if (index < 0 || index > list.size()) {
                throw new Failure(Shown.quote(target.toString()) + (index < 0 ? " names no position in " : " is past the end of ")
                        + "the list" + at(target.parent()) + ", which has " + elements(list.size()) + ": add inserts at 0 to "
                        + list.size() + ", or at \"-\" to append");
            }
            list.insert(index, value.deepCopy());
        } else {
            throw new Failure("cannot add to " + (target.parent().isRoot() ? "the value" : Shown.quote(target.parent().toString()))
                    + ": it is " + Shown.kind(parent) + ", not an object or a list");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, JsonPointer target) {
        if (target.isRoot()) {
            throw new Failure("cannot remove the whole value (the path \"\"); replace it instead");
        }
        JsonNode parent = locate(doc, target, target.tokens().size() - 1);
        step(parent, target, target.tokens().size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(target.last());
        } else {
            ((ArrayNode) parent).remove(JsonPointer.index(target.last()));
        }
        return doc;
    }

    private static JsonNode replace(JsonNode doc, JsonPointer target, JsonNode value) {
        if (target.isRoot()) {
            return value.deepCopy();
        }
        JsonNode parent = locate(doc, target, target.tokens().size() - 1);
        step(parent, target, target.tokens().size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(target.last(), value.deepCopy());
        } else {
            ((ArrayNode) parent).set(JsonPointer.index(target.last()), value.deepCopy());
        }
        return doc;
    }

    private static JsonNode test(JsonNode doc, JsonPointer target, JsonNode value) {
        JsonNode actual = locate(doc, target, target.tokens().size());
        if (!JsonEquality.equal(actual, value)) {
            throw new Failure("test failed: " + (target.isRoot() ? "the value" : Shown.quote(target.toString()))
                    + " is " + Shown.json(actual) + ", not " + Shown.json(value));
        }
        return doc;
    }

    /** The value the first {@code count} tokens of {@code pointer} name, which must exist. */
    private static JsonNode locate(JsonNode doc, JsonPointer pointer, int count) {
        JsonNode node = doc;
        for (int i = 0; i < count; i++) {
            node = step(node, pointer, i);
        }
        return node;
    }

    /** The member or element that token {@code i} of {@code pointer} names in {@code node}, which must exist. */
    private static JsonNode step(JsonNode node, JsonPointer pointer, int i) {
        String token = pointer.tokens().get(i);
        if (node instanceof ObjectNode object) {
            JsonNode child = object.get(token);
            if (child == null) {
                throw missing(pointer, i, "the object" + at(pointer.prefix(i)) + " has no member " + Shown.quote(token));
            }
            return child;
        }
        if (node instanceof ArrayNode list) {
            if (token.equals(JsonPointer.END)) {
                throw missing(pointer, i, "\"-\" is the position after the last element of the list" + at(pointer.prefix(i))
                        + ", where only add can put a value");
            }
            int index = JsonPointer.index(token);
            if (index < 0) {
                throw missing(pointer, i, Shown.quote(token) + " is not a list index (0, 1, 2, … without leading zeros)");
            }
            if (index >= list.size()) {
                throw missing(pointer, i, "the list" + at(pointer.prefix(i)) + " has " + elements(list.size()));
            }
            return list.get(index);
        }
        JsonPointer here = pointer.prefix(i);
        throw missing(pointer, i, (here.isRoot() ? "the value" : Shown.quote(here.toString())) + " is " + Shown.kind(node)
                + ", which has no members or elements");
    }

    /** Token {@code i} of {@code pointer} names nothing: {@code "/a/b" does not exist: why}. */
    private static Failure missing(JsonPointer pointer, int i, String why) {
        return new Failure(Shown.quote(pointer.prefix(i + 1).toString()) + " does not exist: " + why);
    }

    private static String at(JsonPointer pointer) {
        return pointer.isRoot() ? "" : " at " + Shown.quote(pointer.toString());
    }

    private static String elements(int n) {
        return n == 1 ? "1 element" : n + " elements";
    }
}
