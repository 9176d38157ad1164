package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A record type (declared, built-in or a tool's output record): its name and fields in declaration order.
 * Also the interop meta object of its values.
 *
 * <p>The type also fixes how its values store their fields ({@link LumenRecord}): each Int, Float and Bool
 * field gets one of the record's unboxed primitive slots, every other field one of its reference slots,
 * numbered in declaration order.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenRecordType implements LumenType, TruffleObject {
    private final String name;
    @CompilationFinal(dimensions = 1) private final String[] fieldNames;
    /** The field indices ordered by name in UTF-16 code units: the member order of canonical JSON. */
    private final int[] canonicalOrder;
    @CompilationFinal(dimensions = 1) private LumenType[] fieldTypes;
    /** Per field: how it is stored, one of the {@code LumenRecord.INT .. REF} kinds. */
    @CompilationFinal(dimensions = 1) private byte[] fieldKinds;
    /** Per field: its slot among the primitive slots or among the reference slots, as its kind says. */
    @CompilationFinal(dimensions = 1) private int[] fieldSlots;
    @CompilationFinal private int primitiveSlots;
    @CompilationFinal private int referenceSlots;

    public LumenRecordType(String name, String[] fieldNames) {
        this.name = name;
        this.fieldNames = fieldNames.clone();
        this.canonicalOrder = IntStream.range(0, fieldNames.length).boxed()
                .sorted((a, b) -> fieldNames[a].compareTo(fieldNames[b]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Sets the field types once they are resolved (they may refer to this record). */
    public void setFieldTypes(LumenType[] types) {
        if (types.length != fieldNames.length) {
            throw new IllegalArgumentException("record " + name + ": " + types.length + " types for " + fieldNames.length + " fields");
        }
        this.fieldTypes = types.clone();
        this.fieldKinds = new byte[types.length];
        this.fieldSlots = new int[types.length];
        int primitives = 0;
        int references = 0;
        for (int i = 0; i < types.length; i++) {
            fieldKinds[i] = types[i] == LumenType.Primitive.INT ? LumenRecord.INT
                    : types[i] == LumenType.Primitive.FLOAT ? LumenRecord.FLOAT
                    : types[i] == LumenType.Primitive.BOOL ? LumenRecord.BOOL
                    : LumenRecord.REF;
            fieldSlots[i] = fieldKinds[i] == LumenRecord.REF ? references++ : primitives++;
        }
        this.primitiveSlots = primitives;
        this.referenceSlots = references;
    }

    public String name() {
        return name;
    }

    public int fieldCount() {
        return fieldNames.length;
    }

    public String fieldName(int i) {
        return fieldNames[i];
    }

    public LumenType fieldType(int i) {
        return fieldTypes[i];
    }

    /** How field {@code i} is stored: {@link LumenRecord#INT}, {@code FLOAT}, {@code BOOL} or {@code REF}. */
    public byte fieldKind(int i) {
        return fieldKinds[i];
    }

    /** The slot of field {@code i} among the slots of its kind (primitive or reference). */
    public int fieldSlot(int i) {
        return fieldSlots[i];
    }

    int primitiveSlots() {
        return primitiveSlots;
    }

    int referenceSlots() {
        return referenceSlots;
    }

    /** The index of field {@code field}, or -1. */
    @TruffleBoundary
    public int indexOf(String field) {
        for (int i = 0; i < fieldNames.length; i++) {
            if (fieldNames[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    int[] canonicalOrder() {
        return canonicalOrder;
    }

    String[] fieldNamesArray() {
        return fieldNames;
    }

    @Override
    public boolean isInstance(Object value) {
        return value instanceof LumenRecord r && r.type() == this;
    }

    @Override
    public String toString() {
        return name;
    }

    @TruffleBoundary
    public String describe() {
        return name + Arrays.toString(fieldNames);
    }

    // ---- interop: meta object ----

    @ExportMessage
    boolean isMetaObject() {
        return true;
    }

    @ExportMessage(name = "getMetaQualifiedName")
    @ExportMessage(name = "getMetaSimpleName")
    Object metaName() {
        return name;
    }

    @ExportMessage
    boolean isMetaInstance(Object instance) {
        return isInstance(instance);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return name;
    }
}
