package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A record value: its type and its field values in declaration order. Value semantics through
 * {@link LumenContainer}. Interop: readable members named after the fields, meta object the type.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenRecord extends LumenContainer implements TruffleObject, CanonicalJson.Convertible {
    private static final LongAdder COPIES = new LongAdder();

    private final LumenRecordType type;
    private final Object[] fields;

    /** A record owning {@code fields}; the caller has marked container values shared. */
    public LumenRecord(LumenRecordType type, Object[] fields) {
        this.type = type;
        this.fields = fields;
    }

    public LumenRecordType type() {
        return type;
    }

    public Object get(int field) {
        return fields[field];
    }

    /** Sets a field in place; the caller checks that the record is unshared. */
    public void set(int field, Object value) {
        fields[field] = value;
    }

    public int fieldCount() {
        return fields.length;
    }

    @TruffleBoundary
    public LumenRecord copy() {
        COPIES.increment();
        return new LumenRecord(type, fields.clone());
    }

    public static long copies() {
        return COPIES.sum();
    }

    /** The fields by name, in declaration order (for display and tests). */
    @TruffleBoundary
    public Map<String, Object> asJavaMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            m.put(type.fieldName(i), fields[i]);
        }
        return m;
    }

    @Override
    @TruffleBoundary
    public Object toJson() {
        return new TreeMap<>(asJavaMap());
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return LumenText.toDisplay(this);
    }

    // ---- interop ----

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of((Object[]) type.fieldNamesArray());
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return type.indexOf(member) >= 0;
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        int i = type.indexOf(member);
        if (i < 0) {
            throw UnknownIdentifierException.create(member);
        }
        return LumenContainer.share(fields[i]);
    }

    @ExportMessage
    boolean hasMetaObject() {
        return true;
    }

    @ExportMessage
    Object getMetaObject() {
        return type;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return LumenText.toDisplay(this);
    }
}
