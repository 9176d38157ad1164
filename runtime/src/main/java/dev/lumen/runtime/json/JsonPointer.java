package dev.lumen.runtime.json;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 JSON Pointer: {@code ""} for the whole document, otherwise {@code /} followed by reference
 * tokens separated by {@code /}, in which {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}. A token
 * names an object member, or a list element by its index ({@code 0}, or digits without a leading zero);
 * {@code -} names the position after a list's last element (where only an add can put a value).
 *
 * <p>Immutable.
 */
public final class JsonPointer {
    /** The pointer to the whole document. */
    public static final JsonPointer ROOT = new JsonPointer("", List.of());

    private final String text;
    private final List<String> tokens;

    private JsonPointer(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * Parses pointer text.
     *
     * @throws IllegalArgumentException naming what is wrong: text that neither is empty nor starts with
     *         {@code /}, or a {@code ~} not followed by {@code 0} or {@code 1}
     */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return ROOT;
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException(Shown.quote(text) + " is not a JSON pointer: a pointer is empty"
                    + " (the whole value) or starts with \"/\", as in " + Shown.quote("/" + text));
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/') {
                tokens.add(token.toString());
                token.setLength(0);
            } else if (c == '~') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (next != '0' && next != '1') {
                    throw new IllegalArgumentException(Shown.quote(text) + " is not a JSON pointer: \"~\" must be"
                            + " followed by 0 or 1 (\"~0\" stands for \"~\", \"~1\" for \"/\")");
                }
                token.append(next == '0' ? '~' : '/');
                i++;
            } else {
                token.append(c);
            }
        }
        tokens.add(token.toString());
        return new JsonPointer(text, List.copyOf(tokens));
    }

    /** A reference token as it is written in pointer text: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer text of {@code parent} followed by one more token: {@code parent + "/" + escape(token)}. */
    public static String append(String parent, String token) {
        return parent + "/" + escape(token);
    }

    /** The pointer to the member or element {@code token} of the value this pointer names. */
    public JsonPointer child(String token) {
        List<String> more = new ArrayList<>(tokens.size() + 1);
        more.addAll(tokens);
        more.add(token);
        return new JsonPointer(append(text, token), List.copyOf(more));
    }

    /** The pointer made of the first {@code count} tokens of this one. */
    public JsonPointer prefix(int count) {
        if (count == tokens.size()) {
            return this;
        }
        JsonPointer p = ROOT;
        for (int i = 0; i < count; i++) {
            p = p.child(tokens.get(i));
        }
        return p;
    }

    /** The pointer to the value that holds this one's; the root has none. */
    public JsonPointer parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root pointer has no parent");
        }
        return prefix(tokens.size() - 1);
    }

    /** The unescaped reference tokens, outermost first. */
    public List<String> tokens() {
        return tokens;
    }

    /** The last token; the root has none. */
    public String last() {
        if (isRoot()) {
            throw new IllegalStateException("the root pointer has no tokens");
        }
        return tokens.get(tokens.size() - 1);
    }

    public boolean isRoot() {
        return tokens.isEmpty();
    }

    /**
     * The list index a token names, or -1 if it names none: {@code 0} or a decimal without leading zeros, at
     * most {@link Integer#MAX_VALUE}. {@code -} is not an index (see {@link #END}).
     */
    public static int index(String token) {
        int n = token.length();
        if (n == 0 || n > 10 || (n > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= Integer.MAX_VALUE ? (int) value : -1;
    }

    /** The token for the position after a list's last element. */
    public static final String END = "-";

    /** The pointer text. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPointer other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
