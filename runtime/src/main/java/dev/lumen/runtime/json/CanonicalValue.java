package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A value in canonical form, computed once: its canonical JSON text ({@link CanonicalJson}), the length of
 * that text in UTF-8 bytes and its hash {@code "sha256:<hex>"}. Traces and the tool cache hash, size, spill
 * and preview the same value several times; this keeps it to one serialization and one digest.
 *
 * <p>Immutable and thread-safe. Two values are equal when their hashes are.
 */
public final class CanonicalValue {
    private final String text;
    private final byte[] utf8;
    private final String hash;
    private volatile JsonNode tree;

    private CanonicalValue(String text, byte[] utf8) {
        this.text = text;
        this.utf8 = utf8;
        this.hash = CanonicalJson.sha256(utf8);
    }

    /**
     * The canonical form of {@code value}: any value {@link CanonicalJson#write(Object)} accepts; a
     * {@code CanonicalValue} is returned as it is.
     *
     * @throws IllegalArgumentException if the value has no JSON form
     */
    public static CanonicalValue of(Object value) {
        if (value instanceof CanonicalValue c) {
            return c;
        }
        String text = CanonicalJson.write(value);
        return new CanonicalValue(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value whose canonical JSON is {@code utf8} (read back from a blob or cache entry).
     *
     * @throws IllegalArgumentException if the bytes are not JSON in canonical form
     */
    public static CanonicalValue ofCanonicalText(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        JsonNode tree = CanonicalJson.parse(text);
        if (!CanonicalJson.write(tree).equals(text)) {
            throw new IllegalArgumentException("JSON text is not in canonical form");
        }
        CanonicalValue value = new CanonicalValue(text, utf8.clone());
        value.tree = tree;
        return value;
    }

    /** The canonical JSON text. */
    public String text() {
        return text;
    }

    /** The canonical JSON text as UTF-8 bytes (a copy). */
    public byte[] utf8() {
        return utf8.clone();
    }

    /** The length of the canonical text in UTF-8 bytes. */
    public int size() {
        return utf8.length;
    }

    /** {@code "sha256:<hex>"} of the canonical text. */
    public String hash() {
        return hash;
    }

    /** The value as a Jackson tree (parsed on first use). */
    public JsonNode tree() {
        JsonNode t = tree;
        if (t == null) {
            t = CanonicalJson.parse(text);
            tree = t;
        }
        return t;
    }

    /**
     * The longest prefix of the canonical text that is at most {@code maxBytes} UTF-8 bytes long without
     * splitting a character: the preview a trace keeps of a value too large to hold inline.
     */
    public String preview(int maxBytes) {
        return utf8.length <= maxBytes ? text : preview(utf8, maxBytes);
    }

    /** {@link #preview(int)} of the UTF-8 text {@code utf8}. */
    public static String preview(byte[] utf8, int maxBytes) {
        int end = Math.min(maxBytes, utf8.length);
        // Step back over continuation bytes (10xxxxxx) so the cut falls on a character boundary.
        while (end > 0 && end < utf8.length && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalValue other && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
