package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.Arrays;

/**
 * A record type (declared, built-in or a tool's output record): its name and fields in declaration order.
 * Also the interop meta object of its values.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenRecordType implements LumenType, TruffleObject {
    private final String name;
    @CompilationFinal(dimensions = 1) private final String[] fieldNames;
    @CompilationFinal(dimensions = 1) private LumenType[] fieldTypes;

    public LumenRecordType(String name, String[] fieldNames) {
        this.name = name;
        this.fieldNames = fieldNames.clone();
    }

    /** Sets the field types once they are resolved (they may refer to this record). */
    public void setFieldTypes(LumenType[] types) {
        if (types.length != fieldNames.length) {
            throw new IllegalArgumentException("record " + name + ": " + types.length + " types for " + fieldNames.length + " fields");
        }
        this.fieldTypes = types.clone();
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
