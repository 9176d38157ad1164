package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** An enum type: its variants in declaration order, one {@link LumenEnumValue} each. Interop meta object. */
@ExportLibrary(InteropLibrary.class)
public final class LumenEnumType implements LumenType, TruffleObject {
    private final String name;
    @CompilationFinal(dimensions = 1) private final LumenEnumValue[] values;

    public LumenEnumType(String name, String[] variants) {
        this.name = name;
        this.values = new LumenEnumValue[variants.length];
        for (int i = 0; i < variants.length; i++) {
            values[i] = new LumenEnumValue(this, i, variants[i]);
        }
    }

    public String name() {
        return name;
    }

    public int variantCount() {
        return values.length;
    }

    public LumenEnumValue value(int ordinal) {
        return values[ordinal];
    }

    /** The variant named {@code variant}, or null. */
    @TruffleBoundary
    public LumenEnumValue valueNamed(String variant) {
        for (LumenEnumValue v : values) {
            if (v.name().equals(variant)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public boolean isInstance(Object value) {
        return value instanceof LumenEnumValue v && v.type() == this;
    }

    @Override
    public String toString() {
        return name;
    }

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
