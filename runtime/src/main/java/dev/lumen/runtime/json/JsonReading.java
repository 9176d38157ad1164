package dev.lumen.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Lumen reads JSON (run.md §8), in one place: the limits of every reader — of arguments, validated text,
 * tool responses, model replies, MCP messages, traces, cache entries, LIR modules, manifests and lock files —
 * and what a parsed tree may hold, so that whatever Lumen reads it can hold as a value and write back.
 *
 * <ul>
 *   <li>Strings and member names have no limit of their own: a string is never longer than the text holding it,
 *       which is already in memory, and a value Lumen wrote must read back whatever its size (Jackson's default
 *       of 20,000,000 characters would refuse it).
 *   <li>Nesting: at most {@value CanonicalJson#MAX_DEPTH} levels of arrays and objects, as the writer.
 *   <li>A number literal: at most {@value #MAX_NUMBER_LENGTH} characters (longer ones take quadratic time to
 *       convert, and no number Lumen writes comes near), and a value within the range of a 64-bit float: Lumen's
 *       numbers are Ints (64-bit integers) and Floats, and {@code 1e400} is neither.
 *   <li>A lone surrogate, which a {@code \}{@code u} escape can spell, reads as U+FFFD: a Lumen String is Unicode
 *       text. Member names that become the same name this way are duplicates.
 * </ul>
 */
public final class JsonReading {
    /** The longest number literal read, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxNestingDepth(CanonicalJson.MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build();

    private JsonReading() {
    }

    /** A mapper builder whose readers have Lumen's limits; each reader adds its own features. */
    public static JsonMapper.Builder mapper() {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build());
    }

    /**
     * {@code tree} as Lumen holds it: lone surrogates in strings and member names replaced by U+FFFD (in place).
     *
     * @throws IllegalArgumentException for a number outside the range of a 64-bit float, or member names that
     *         the replacement makes equal, naming where (a JSON pointer)
     */
    public static JsonNode normalized(JsonNode tree) {
        try {
            return read(tree);
        } catch (Unreadable e) {
            StringBuilder pointer = new StringBuilder();
            for (int i = e.path.size() - 1; i >= 0; i--) {
                pointer.append('/').append(JsonPointer.escape(e.path.get(i)));
            }
            String at = pointer.isEmpty() ? "" : " at " + Shown.quote(pointer.toString());
            throw new IllegalArgumentException(e.what + at + e.why);
        }
    }

    /** Why a tree cannot be read; the path to the place is gathered, innermost first, on the way out. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String what;
        private final String why;
        private final List<String> path = new ArrayList<>();

        Unreadable(String what, String why) {
            super(what + why, null, false, false);
            this.what = what;
            this.why = why;
        }

        Unreadable in(String token) {
            path.add(token);
            return this;
        }
    }

    private static JsonNode read(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING -> {
                String text = unicode(node.textValue());
                return text == node.textValue() ? node : TextNode.valueOf(text);
            }
            case NUMBER -> {
                if (Double.isInfinite(node.doubleValue())) {
                    throw new Unreadable("the number", " is too large: Lumen reads numbers up to "
                            + CanonicalJson.number(Double.MAX_VALUE) + " in magnitude");
                }
                return node;
            }
            case ARRAY -> {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    JsonNode item = array.get(i);
                    JsonNode normal;
                    try {
                        normal = read(item);
                    } catch (Unreadable e) {
                        throw e.in(Integer.toString(i));
                    }
                    if (normal != item) {
                        array.set(i, normal);
                    }
                }
                return array;
            }
            case OBJECT -> {
                return object((ObjectNode) node);
            }
            default -> {
                return node;
            }
        }
    }

    private static ObjectNode object(ObjectNode object) {
        boolean renamed = false;
        Map<String, JsonNode> changed = null;
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            renamed |= unicode(member.getKey()) != member.getKey();
            JsonNode normal;
            try {
                normal = read(member.getValue());
            } catch (Unreadable e) {
                throw e.in(member.getKey());
            }
            if (normal != member.getValue()) {
                if (changed == null) {
                    changed = new LinkedHashMap<>();
                }
                changed.put(member.getKey(), normal);
            }
        }
        if (changed != null) {
            changed.forEach(object::set); // the same names: the members keep their order
        }
        if (renamed) {
            Map<String, JsonNode> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                String name = unicode(member.getKey());
                if (members.put(name, member.getValue()) != null) {
                    throw new Unreadable("the object", " has two members named " + Shown.quote(name)
                            + " once their lone surrogates read as U+FFFD");
                }
            }
            object.removeAll();
            object.setAll(members);
        }
        return object;
    }

    /**
     * {@code s} as Unicode text: each lone surrogate replaced by U+FFFD; {@code s} itself (the same object) when
     * it has none. For strings from outside, such as a host's, that a Lumen String must be.
     */
    public static String unicode(String s) {
        int first = loneSurrogate(s, 0);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        for (int from = first; from >= 0; ) {
            int next = loneSurrogate(s, from + 1);
            out.append('\uFFFD').append(s, from + 1, next < 0 ? s.length() : next);
            from = next;
        }
        return out.toString();
    }

    /** The index of the first lone surrogate in {@code s} at or after {@code from}, or -1. */
    private static int loneSurrogate(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
