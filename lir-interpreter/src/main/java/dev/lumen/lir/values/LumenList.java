package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Lumen {@code list[T]}: elements in {@code items[0..size)}, boxed (Long, Double, Boolean, String or a
 * Lumen value). Value semantics through {@link LumenContainer}'s shared flag; {@link #append} on an
 * unshared list is amortized O(1), so appending in a loop is linear. Interop: array elements.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenList extends LumenContainer implements TruffleObject, CanonicalJson.Convertible {
    private static final Object[] EMPTY = new Object[0];
    /** Elements copied by copy-on-write and growth, for tests that assert appending stays linear. */
    private static final LongAdder COPIED_ELEMENTS = new LongAdder();

    private Object[] items;
    private int size;

    private LumenList(Object[] items, int size) {
        this.items = items;
        this.size = size;
    }

    /** A list owning {@code items} (not copied); the caller has marked container elements shared. */
    public static LumenList wrap(Object[] items) {
        return new LumenList(items, items.length);
    }

    public static LumenList empty() {
        return new LumenList(EMPTY, 0);
    }

    /** A list of {@code items} (copied), marking container elements shared. */
    @TruffleBoundary
    public static LumenList of(Object... items) {
        Object[] copy = items.clone();
        for (Object o : copy) {
            LumenContainer.share(o);
        }
        return new LumenList(copy, copy.length);
    }

    /** The number of elements copied by copy-on-write and growth since the JVM started. */
    public static long copiedElements() {
        return COPIED_ELEMENTS.sum();
    }

    public int size() {
        return size;
    }

    /** Element {@code i}; the caller checks {@code 0 <= i < size()}. */
    public Object get(int i) {
        return items[i];
    }

    /** Sets element {@code i} in place; the caller checks the index and that the list is unshared. */
    public void set(int i, Object value) {
        items[i] = value;
    }

    /** Appends in place; the caller checks that the list is unshared. */
    public void append(Object value) {
        if (size == items.length) {
            grow(size + 1);
        }
        items[size++] = value;
    }

    @TruffleBoundary
    private void grow(int minCapacity) {
        int capacity = Math.max(minCapacity, Math.max(8, items.length + (items.length >> 1)));
        COPIED_ELEMENTS.add(size);
        items = Arrays.copyOf(items, capacity);
    }

    /** An unshared copy with room for {@code extra} more elements. */
    @TruffleBoundary
    public LumenList copy(int extra) {
        int capacity = size + extra;
        if (extra > 0) {
            capacity = Math.max(capacity, size + (size >> 1) + 1);
        }
        COPIED_ELEMENTS.add(size);
        return new LumenList(Arrays.copyOf(items, capacity), size);
    }

    /** {@code this ++ [value]} as a new list, leaving this one unchanged. */
    @TruffleBoundary
    public LumenList appended(Object value) {
        LumenList copy = copy(1);
        copy.items[copy.size++] = value;
        return copy;
    }

    /** {@code this ++ other} as a new list. */
    @TruffleBoundary
    public LumenList concat(LumenList other) {
        Object[] result = Arrays.copyOf(items, size + other.size);
        System.arraycopy(other.items, 0, result, size, other.size);
        COPIED_ELEMENTS.add(size + other.size);
        return new LumenList(result, result.length);
    }

    /** Elements {@code [from, to)} as a new list; the caller checks the bounds. */
    @TruffleBoundary
    public LumenList slice(int from, int to) {
        COPIED_ELEMENTS.add(to - from);
        return new LumenList(Arrays.copyOfRange(items, from, to), to - from);
    }

    /** A copy of the elements, as an array of exactly {@link #size()} elements. */
    @TruffleBoundary
    public Object[] toArray() {
        return Arrays.copyOf(items, size);
    }

    @Override
    @TruffleBoundary
    public Object toJson() {
        return toArray();
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return LumenText.toDisplay(this);
    }

    // ---- interop ----

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return size;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < size;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (index < 0 || index >= size) {
            throw InvalidArrayIndexException.create(index);
        }
        return LumenContainer.share(items[(int) index]);
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return LumenText.toDisplay(this);
    }
}
