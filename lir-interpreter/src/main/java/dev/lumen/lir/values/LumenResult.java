package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.Map;

/**
 * A {@code result[T, E]} value: {@code ok(v)} or {@code err(e)}. Immutable. Interop: an object with exactly
 * one readable member, {@code ok} or {@code err}, holding the payload — the same shape as its JSON form
 * ({@code {"ok": v}} / {@code {"err": e}}), so {@code value.hasMember("ok")} tells the case.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenResult implements TruffleObject, CanonicalJson.Convertible {
    private final boolean ok;
    private final Object value;

    /** The payload is marked shared (it is now also held by the result). */
    public LumenResult(boolean ok, Object value) {
        this.ok = ok;
        this.value = LumenContainer.share(value);
    }

    public boolean isOk() {
        return ok;
    }

    public Object value() {
        return value;
    }

    String caseName() {
        return ok ? "ok" : "err";
    }

    @Override
    @TruffleBoundary
    public Object toJson() {
        return Map.of(caseName(), value);
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return LumenText.toDisplay(this);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of(caseName());
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return caseName().equals(member);
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!caseName().equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return value;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return LumenText.toDisplay(this);
    }
}
