package dev.lumen.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reading what the store writes: trace lines and cache entries are JSON objects in canonical form, so a
 * reader rejects anything else (a stray space, an upper-case exponent, a reordered member — edits that leave
 * the parsed value alone but not the bytes), and recomputes hashes over chosen members.
 */
public final class StoredJson {
    private StoredJson() {
    }

    /** A record that is not well-formed canonical JSON; the message says how. */
    public static final class NotCanonical extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean parseable;

        NotCanonical(String message, boolean parseable) {
            super(message);
            this.parseable = parseable;
        }

        /** Whether the text was JSON at all (an object, but not in canonical form). */
        public boolean parseable() {
            return parseable;
        }
    }

    /** Decodes {@code bytes} as strict UTF-8 and parses them as a JSON object in canonical form. */
    public static ObjectNode parseCanonicalObject(byte[] bytes, int offset, int length) throws NotCanonical {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotCanonical("it is not valid UTF-8", false);
        }
        JsonNode node;
        try {
            node = CanonicalJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NotCanonical("it is " + e.getMessage(), false);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new NotCanonical("it is not a JSON object", false);
        }
        String canonical;
        try {
            canonical = CanonicalJson.write(object);
        } catch (IllegalArgumentException e) {
            throw new NotCanonical("it holds a value canonical JSON cannot represent: " + e.getMessage(), true);
        }
        if (!canonical.equals(text)) {
            throw new NotCanonical("it is not in canonical JSON form", true);
        }
        return object;
    }

    /** {@code sha256} of the canonical JSON of {@code object} restricted to the members {@code include} accepts. */
    public static String hashOf(ObjectNode object, Predicate<String> include) {
        return CanonicalJson.sha256(textOf(object, include));
    }

    /** The canonical JSON of {@code object} restricted to the members {@code include} accepts. */
    public static String textOf(ObjectNode object, Predicate<String> include) {
        ObjectNode restricted = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (include.test(member.getKey())) {
                restricted.set(member.getKey(), member.getValue());
            }
        }
        return CanonicalJson.write(restricted);
    }

    /** The text of string member {@code name}, or null if it is absent or not a string. */
    public static String text(JsonNode object, String name) {
        JsonNode v = object.get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
