package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenNull;
import java.util.Arrays;

/**
 * The variables of a cell at one instruction, as a debugger shows them (the scope that {@code NodeLibrary}
 * gives for a statement, a call or the cell): its parameters and the `let`, loop and pattern variables in
 * scope there ({@link LumenVariables}), by their Lumen names, with the values they hold in the frame — records
 * and maps as objects, lists as arrays, as every Lumen value is to interop. A variable an inner scope shadows
 * shows the inner one; one whose register was never written is not shown. Read-only: the values are taken when
 * the scope is asked for, while the frame is suspended.
 */
@ExportLibrary(InteropLibrary.class)
final class LumenScope implements TruffleObject {
    private final String cell;
    private final String[] names;
    /** The values by name; null without a frame (a tool asking which names there are). */
    private final Object[] values;
    private final SourceSection section;
    private final Class<? extends TruffleLanguage<?>> language;

    private LumenScope(String cell, String[] names, Object[] values, SourceSection section,
            Class<? extends TruffleLanguage<?>> language) {
        this.cell = cell;
        this.names = names;
        this.values = values;
        this.section = section;
        this.language = language;
    }

    /** The scope at {@code node} (a statement, a call, a cell's body), with the values in {@code frame}. */
    static LumenScope at(Node node, Frame frame) {
        return create(node, frame == null ? null : frame.materialize());
    }

    @TruffleBoundary
    private static LumenScope create(Node node, MaterializedFrame frame) {
        LumenVariables.Place place = LumenVariables.at(node);
        if (place == null) {
            throw new IllegalStateException(node + " is not in a cell");
        }
        LumenVariables.Visible visible = place.variables();
        String[] names = new String[visible.size()];
        Object[] values = frame == null ? null : new Object[visible.size()];
        int n = 0;
        for (int i = 0; i < visible.size(); i++) {
            Object value = frame == null ? null : place.value(frame, i);
            if (frame != null && value == null) {
                continue; // never written (not reached yet)
            }
            names[n] = visible.name(i);
            if (values != null) {
                values[n] = value;
            }
            n++;
        }
        LumenProgram program = place.program();
        return new LumenScope(place.cellName(), Arrays.copyOf(names, n), values == null ? null : Arrays.copyOf(values, n),
                place.cellSection(), program.languageClass());
    }

    private int index(String member) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(member)) {
                return i;
            }
        }
        return -1;
    }

    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of((Object[]) names);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return index(member) >= 0;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        int i = index(member);
        if (i < 0) {
            throw UnknownIdentifierException.create(member);
        }
        return values == null ? LumenNull.INSTANCE : values[i];
    }

    @ExportMessage
    boolean hasLanguage() {
        return language != null;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() throws UnsupportedMessageException {
        if (language == null) {
            throw UnsupportedMessageException.create();
        }
        return language;
    }

    @ExportMessage
    boolean hasSourceLocation() {
        return section != null;
    }

    @ExportMessage
    SourceSection getSourceLocation() throws UnsupportedMessageException {
        if (section == null) {
            throw UnsupportedMessageException.create();
        }
        return section;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "cell " + cell;
    }
}
