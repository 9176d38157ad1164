package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownKeyException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.dsl.Cached.Shared;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Lumen {@code map[String, T]}: a hash map for O(1) reads and writes, whose keys are visited in
 * ascending code-point order (§7.4 of the spec) wherever order shows: {@code keys}, {@code values},
 * {@code for k, v in m}, interop iteration, display. The sorted key array is cached until the next
 * change. Value semantics through {@link LumenContainer}. Interop: hash entries (String keys).
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenMap extends LumenContainer implements TruffleObject, CanonicalJson.Convertible {
    private static final LongAdder COPIED_ENTRIES = new LongAdder();

    private final HashMap<String, Object> entries;
    private String[] sortedKeys;

    private LumenMap(HashMap<String, Object> entries) {
        this.entries = entries;
    }

    @TruffleBoundary
    public static LumenMap empty() {
        return new LumenMap(new HashMap<>());
    }

    /**
     * A map from alternating keys and values ({@code k0, v0, k1, v1, ...}); a later duplicate key wins.
     * Container values are marked shared.
     */
    @TruffleBoundary
    public static LumenMap ofPairs(Object[] keysAndValues) {
        HashMap<String, Object> m = HashMap.newHashMap(keysAndValues.length / 2);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], LumenContainer.share(keysAndValues[i + 1]));
        }
        return new LumenMap(m);
    }

    /** Entries copied by copy-on-write since the JVM started. */
    public static long copiedEntries() {
        return COPIED_ENTRIES.sum();
    }

    @TruffleBoundary
    public int size() {
        return entries.size();
    }

    /** The value at {@code key}, or Java null when absent. */
    @TruffleBoundary
    public Object get(String key) {
        return entries.get(key);
    }

    @TruffleBoundary
    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** Sets {@code key} in place; the caller checks that the map is unshared and marks the value shared. */
    @TruffleBoundary
    public void put(String key, Object value) {
        if (entries.put(key, value) == null) {
            sortedKeys = null;
        }
    }

    /** An unshared copy. */
    @TruffleBoundary
    public LumenMap copy() {
        COPIED_ENTRIES.add(entries.size());
        LumenMap copy = new LumenMap(new HashMap<>(entries));
        copy.sortedKeys = sortedKeys;
        return copy;
    }

    /** The keys in ascending code-point order (shared array: do not modify). */
    @TruffleBoundary
    public String[] sortedKeys() {
        String[] keys = sortedKeys;
        if (keys == null) {
            keys = entries.keySet().toArray(new String[0]);
            Arrays.sort(keys, LumenValues::compareStrings);
            sortedKeys = keys;
        }
        return keys;
    }

    @TruffleBoundary
    public LumenList keys() {
        return LumenList.wrap(sortedKeys().clone());
    }

    @TruffleBoundary
    public LumenList values() {
        String[] keys = sortedKeys();
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = entries.get(keys[i]);
        }
        return LumenList.wrap(values);
    }

    /** The entries as a Java map (read-only view for JSON writing and tests). */
    @TruffleBoundary
    public Map<String, Object> asJavaMap() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    @Override
    @TruffleBoundary
    public Object toJson() {
        return asJavaMap(); // the canonical writer sorts the members
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return LumenText.toDisplay(this);
    }

    // ---- interop ----

    @ExportMessage
    boolean hasHashEntries() {
        return true;
    }

    @ExportMessage
    long getHashSize() {
        return size();
    }

    @ExportMessage
    boolean isHashEntryReadable(Object key, @Shared("keys") @CachedLibrary(limit = "3") InteropLibrary keys) {
        String k = keyString(key, keys);
        return k != null && containsKey(k);
    }

    @ExportMessage
    Object readHashValue(Object key, @Shared("keys") @CachedLibrary(limit = "3") InteropLibrary keys) throws UnknownKeyException {
        String k = keyString(key, keys);
        Object v = k == null ? null : get(k);
        if (v == null) {
            throw UnknownKeyException.create(key);
        }
        return LumenContainer.share(v);
    }

    @ExportMessage
    Object getHashEntriesIterator() {
        return new LumenEntryIterator(this, sortedKeys());
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return LumenText.toDisplay(this);
    }

    private static String keyString(Object key, InteropLibrary keys) {
        if (key instanceof String s) {
            return s;
        }
        if (keys.isString(key)) {
            try {
                return keys.asString(key);
            } catch (UnsupportedMessageException e) {
                return null;
            }
        }
        return null;
    }
}
