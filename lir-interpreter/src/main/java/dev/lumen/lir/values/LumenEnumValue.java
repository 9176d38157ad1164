package dev.lumen.lir.values;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;

/**
 * A variant of an enum; one instance per variant, so equality is identity. Interop: a string (the variant's
 * name, as in JSON) whose meta object is the enum type.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenEnumValue implements TruffleObject, CanonicalJson.Convertible {
    private final LumenEnumType type;
    private final int ordinal;
    private final String name;

    LumenEnumValue(LumenEnumType type, int ordinal, String name) {
        this.type = type;
        this.ordinal = ordinal;
        this.name = name;
    }

    public LumenEnumType type() {
        return type;
    }

    public int ordinal() {
        return ordinal;
    }

    public String name() {
        return name;
    }

    @Override
    public Object toJson() {
        return name;
    }

    @Override
    public String toString() {
        return type.name() + "." + name;
    }

    @ExportMessage
    boolean isString() {
        return true;
    }

    @ExportMessage
    String asString() {
        return name;
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
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return type.name() + "." + name;
    }
}
