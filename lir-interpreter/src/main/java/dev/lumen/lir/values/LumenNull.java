package dev.lumen.lir.values;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;

/** Lumen's {@code null}: the single value of type {@code Null}; interop null. */
@ExportLibrary(InteropLibrary.class)
public final class LumenNull implements TruffleObject, CanonicalJson.Convertible {
    public static final LumenNull INSTANCE = new LumenNull();

    private LumenNull() {
    }

    @Override
    public Object toJson() {
        return null;
    }

    @Override
    public String toString() {
        return "null";
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "null";
    }
}
