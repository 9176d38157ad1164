package dev.lumen.runtime.json;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A JSON object assembled member by member from values already in canonical form, written as canonical JSON
 * (members sorted by name in UTF-16 code unit order, RFC 8785) in full or restricted to some members.
 *
 * <p>Trace events and cache entries are built this way: a value's canonical text is computed once (for its
 * hash) and embedded as it is, and the same members yield the hashed text, the sealed text and the line.
 */
public final class CanonicalObject {
    private final TreeMap<String, String> members = new TreeMap<>();

    /** Sets member {@code name} to a string. */
    public CanonicalObject put(String name, String value) {
        members.put(name, value == null ? "null" : CanonicalJson.quote(value));
        return this;
    }

    /** Sets member {@code name} to an integer. */
    public CanonicalObject put(String name, long value) {
        members.put(name, Long.toString(value));
        return this;
    }

    /** Sets member {@code name} to a boolean. */
    public CanonicalObject put(String name, boolean value) {
        members.put(name, value ? "true" : "false");
        return this;
    }

    /** Sets member {@code name} to a value given as its canonical JSON text (not checked). */
    public CanonicalObject putCanonical(String name, String canonicalText) {
        members.put(name, canonicalText);
        return this;
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    /** The whole object as canonical JSON. */
    public String text() {
        return text(name -> true);
    }

    /** The object restricted to the members whose names {@code include} accepts, as canonical JSON. */
    public String text(Predicate<String> include) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!include.test(member.getKey())) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(CanonicalJson.quote(member.getKey())).append(':').append(member.getValue());
        }
        return out.append('}').toString();
    }
}
