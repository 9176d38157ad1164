package dev.lumen.embed;

import dev.lumen.runtime.json.CanonicalJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * A polyglot value as plain Java data: null, Boolean, String, Long, Double or BigInteger, {@code List} and
 * {@code Map} (members or hash entries, in their order), a buffer as base64 text; what a host reads a Lumen
 * result or a tool's input as, and what {@link CanonicalJson} writes.
 */
public final class PlainValues {
    private PlainValues() {
    }

    /**
     * @throws IllegalArgumentException when the value is nested deeper than JSON may be
     *     ({@link CanonicalJson#MAX_DEPTH})
     */
    public static Object of(Value v) {
        return of(v, 0);
    }

    private static Object of(Value v, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + CanonicalJson.MAX_DEPTH + " levels");
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber()) {
            if (v.fitsInLong()) {
                return v.asLong();
            }
            if (v.fitsInDouble()) {
                return v.asDouble();
            }
            if (v.fitsInBigInteger()) {
                return v.asBigInteger();
            }
            return new BigInteger(v.toString());
        }
        if (v.hasBufferElements()) {
            byte[] bytes = new byte[(int) v.getBufferSize()];
            v.readBuffer(0, bytes, 0, bytes.length);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v.hasArrayElements()) {
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < v.getArraySize(); i++) {
                items.add(of(v.getArrayElement(i), depth + 1));
            }
            return items;
        }
        if (v.hasHashEntries()) {
            Map<String, Object> entries = new LinkedHashMap<>();
            Value it = v.getHashEntriesIterator();
            while (it.hasIteratorNextElement()) {
                Value entry = it.getIteratorNextElement();
                entries.put(entry.getArrayElement(0).asString(), of(entry.getArrayElement(1), depth + 1));
            }
            return entries;
        }
        if (v.hasMembers()) {
            Map<String, Object> members = new LinkedHashMap<>();
            for (String key : v.getMemberKeys()) {
                members.put(key, of(v.getMember(key), depth + 1));
            }
            return members;
        }
        return v.toString();
    }
}
