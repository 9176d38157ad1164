package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON Patch that turns one JSON value into another: {@code JsonPatch.apply(a, diff(a, b))} equals
 * {@code b} ({@link JsonEquality}), and equal values have the empty patch. The patch is a function of the two
 * values (the order of object members in the trees does not matter) and uses only {@code add},
 * {@code remove} and {@code replace}:
 *
 * <ul>
 *   <li>Equal values: nothing. Values of different kinds, or different scalars: {@code replace} at the path.
 *   <li>Two objects: for each member name in ascending order (UTF-16 code units, the order of canonical
 *       JSON), {@code remove} a member only the first has, the patch between two members both have, and
 *       {@code add} a member only the second has.
 *   <li>Two lists: the longest common prefix and then the longest common suffix of equal elements are kept;
 *       in the middle, elements at the same position are diffed pairwise, then the first list's surplus is
 *       removed (from the last element back) or the second list's surplus inserted (in order), at explicit
 *       indices. One element inserted or removed anywhere is one operation; reorderings are replacements (no
 *       longest-common-subsequence search).
 * </ul>
 *
 * <p>The operations' values are nodes of the second tree (shared, not copied); {@code remove} operations have
 * none ({@code null}).
 */
public final class JsonDiff {
    private JsonDiff() {
    }

    public static List<PatchOperation> diff(JsonNode before, JsonNode after) {
        List<PatchOperation> out = new ArrayList<>();
        diff(before, after, "", out);
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, String path, List<PatchOperation> out) {
        if (JsonEquality.equal(a, b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            objects(a, b, path, out);
        } else if (a.isArray() && b.isArray()) {
            lists(a, b, path, out);
        } else {
            out.add(PatchOperation.replace(path, b));
        }
    }

    private static void objects(JsonNode a, JsonNode b, String path, List<PatchOperation> out) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> member : a.properties()) {
            names.add(member.getKey());
        }
        for (Map.Entry<String, JsonNode> member : b.properties()) {
            names.add(member.getKey());
        }
        for (String name : names) {
            JsonNode x = a.get(name);
            JsonNode y = b.get(name);
            String member = JsonPointer.append(path, name);
            if (y == null) {
                out.add(PatchOperation.remove(member));
            } else if (x == null) {
                out.add(PatchOperation.add(member, y));
            } else {
                diff(x, y, member, out);
            }
        }
    }

    private static void lists(JsonNode a, JsonNode b, String path, List<PatchOperation> out) {
        int n = a.size();
        int m = b.size();
        int prefix = 0;
        while (prefix < n && prefix < m && JsonEquality.equal(a.get(prefix), b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix
                && JsonEquality.equal(a.get(n - 1 - suffix), b.get(m - 1 - suffix))) {
            suffix++;
        }
        int middleA = n - prefix - suffix;
        int middleB = m - prefix - suffix;
        int paired = Math.min(middleA, middleB);
        for (int i = prefix; i < prefix + paired; i++) {
            diff(a.get(i), b.get(i), JsonPointer.append(path, Integer.toString(i)), out);
        }
        // From the last surplus element back, so each index still names the element it names in `a`.
        for (int i = prefix + middleA - 1; i >= prefix + paired; i--) {
            out.add(PatchOperation.remove(JsonPointer.append(path, Integer.toString(i))));
        }
        for (int i = prefix + paired; i < prefix + middleB; i++) {
            out.add(PatchOperation.add(JsonPointer.append(path, Integer.toString(i)), b.get(i)));
        }
    }
}
