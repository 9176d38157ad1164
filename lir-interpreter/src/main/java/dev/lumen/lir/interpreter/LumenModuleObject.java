package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.lir.values.LumenList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What evaluating a Lumen document (or LIR module) returns: an object whose members are its runnable cells,
 * by name, in document order ({@link LumenCellObject}s). Synthetic cells (names with a {@code $}) are not
 * members: they cannot be run by name.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenModuleObject implements TruffleObject {
    private final String file;
    private final Map<String, LumenCellObject> cells = new LinkedHashMap<>();

    LumenModuleObject(LumenProgram program) {
        this.file = program.file();
        for (int i = 0; i < program.cellCount(); i++) {
            String name = program.root(i).cell().name();
            if (!name.contains("$")) {
                cells.put(name, new LumenCellObject(program, i));
            }
        }
    }

    /** The runnable cell named {@code name}, or null. */
    @TruffleBoundary
    public LumenCellObject cell(String name) {
        return cells.get(name);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of(cells.keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return cells.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        LumenCellObject cell = cells.get(member);
        if (cell == null) {
            throw UnknownIdentifierException.create(member);
        }
        return cell;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "module " + file + " " + cells.keySet();
    }
}
