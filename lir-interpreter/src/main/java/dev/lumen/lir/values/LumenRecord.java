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
import java.util.concurrent.atomic.LongAdder;

/**
 * A record value: its type and its field values in declaration order. Value semantics through
 * {@link LumenContainer}. Interop: readable members named after the fields, meta object the type.
 *
 * <p><b>Storage.</b> Int, Float and Bool fields are stored unboxed, in primitive slots (a Float as its raw
 * bits, a Bool as 0 or 1); all other fields in reference slots; the type assigns the slots
 * ({@link LumenRecordType#fieldSlot}). The first four slots of each sort are fields of this
 * object, the rest go to arrays allocated only for types that need them, so a typical record is one
 * allocation and reading an Int field boxes nothing. {@link #get} and {@link #set} box and unbox; the
 * interpreter uses the slot accessors with the register's static record type.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenRecord extends LumenContainer implements TruffleObject, CanonicalJson.Convertible {
    private static final LongAdder COPIES = new LongAdder();

    // ---- field kinds (LumenRecordType#fieldKind) ----
    public static final byte REF = 0;
    public static final byte INT = 1;
    public static final byte FLOAT = 2;
    public static final byte BOOL = 3;

    /** Slots of each sort held in fields of the record itself. */
    static final int INLINE = 4;

    private final LumenRecordType type;
    private long p0;
    private long p1;
    private long p2;
    private long p3;
    private Object r0;
    private Object r1;
    private Object r2;
    private Object r3;
    private final long[] morePrimitives;
    private final Object[] moreReferences;

    /** A record whose fields the caller sets next (its reference fields are Java null until then). */
    public LumenRecord(LumenRecordType type) {
        this.type = type;
        this.morePrimitives = type.primitiveSlots() > INLINE ? new long[type.primitiveSlots() - INLINE] : null;
        this.moreReferences = type.referenceSlots() > INLINE ? new Object[type.referenceSlots() - INLINE] : null;
    }

    /** A record with these field values; the caller has marked container values shared. */
    public LumenRecord(LumenRecordType type, Object[] fields) {
        this(type);
        for (int i = 0; i < fields.length; i++) {
            set(i, fields[i]);
        }
    }

    public LumenRecordType type() {
        return type;
    }

    /** The value of a field, boxed. */
    public Object get(int field) {
        int slot = type.fieldSlot(field);
        switch (type.fieldKind(field)) {
            case INT:
                return primitive(slot);
            case FLOAT:
                return Double.longBitsToDouble(primitive(slot));
            case BOOL:
                return primitive(slot) != 0;
            default:
                return reference(slot);
        }
    }

    /** Sets a field in place from a boxed value; the caller checks that the record is unshared. */
    public void set(int field, Object value) {
        int slot = type.fieldSlot(field);
        switch (type.fieldKind(field)) {
            case INT:
                setPrimitive(slot, (Long) value);
                break;
            case FLOAT:
                setPrimitive(slot, Double.doubleToRawLongBits((Double) value));
                break;
            case BOOL:
                setPrimitive(slot, (Boolean) value ? 1 : 0);
                break;
            default:
                setReference(slot, value);
        }
    }

    /** Primitive slot {@code slot}: an Int field's value, a Float field's raw bits, 1 or 0 for a Bool field. */
    public long primitive(int slot) {
        switch (slot) {
            case 0:
                return p0;
            case 1:
                return p1;
            case 2:
                return p2;
            case 3:
                return p3;
            default:
                return morePrimitives[slot - INLINE];
        }
    }

    public void setPrimitive(int slot, long value) {
        switch (slot) {
            case 0:
                p0 = value;
                break;
            case 1:
                p1 = value;
                break;
            case 2:
                p2 = value;
                break;
            case 3:
                p3 = value;
                break;
            default:
                morePrimitives[slot - INLINE] = value;
        }
    }

    public Object reference(int slot) {
        switch (slot) {
            case 0:
                return r0;
            case 1:
                return r1;
            case 2:
                return r2;
            case 3:
                return r3;
            default:
                return moreReferences[slot - INLINE];
        }
    }

    public void setReference(int slot, Object value) {
        switch (slot) {
            case 0:
                r0 = value;
                break;
            case 1:
                r1 = value;
                break;
            case 2:
                r2 = value;
                break;
            case 3:
                r3 = value;
                break;
            default:
                moreReferences[slot - INLINE] = value;
        }
    }

    public int fieldCount() {
        return type.fieldCount();
    }

    @TruffleBoundary
    public LumenRecord copy() {
        COPIES.increment();
        LumenRecord copy = new LumenRecord(type);
        copy.p0 = p0;
        copy.p1 = p1;
        copy.p2 = p2;
        copy.p3 = p3;
        copy.r0 = r0;
        copy.r1 = r1;
        copy.r2 = r2;
        copy.r3 = r3;
        if (morePrimitives != null) {
            System.arraycopy(morePrimitives, 0, copy.morePrimitives, 0, morePrimitives.length);
        }
        if (moreReferences != null) {
            System.arraycopy(moreReferences, 0, copy.moreReferences, 0, moreReferences.length);
        }
        return copy;
    }

    public static long copies() {
        return COPIES.sum();
    }

    /** The fields by name, in declaration order (for display and tests). */
    @TruffleBoundary
    public Map<String, Object> asJavaMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldCount(); i++) {
            m.put(type.fieldName(i), get(i));
        }
        return m;
    }

    @Override
    @TruffleBoundary
    public Object toJson() {
        // In canonical member order already, so the writer's sort has nothing to move.
        int[] order = type.canonicalOrder();
        Map<String, Object> m = LinkedHashMap.newLinkedHashMap(order.length);
        for (int i : order) {
            m.put(type.fieldName(i), get(i));
        }
        return m;
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
        return LumenContainer.share(get(i));
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
