package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.lumen.lir.values.LumenList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What evaluating a Lumen document (or LIR module) returns: an object whose members are its runnable cells,
 * by name, in document order ({@link LumenCellObject}s), readable and invocable. Synthetic cells (names with a
 * {@code $}) are not members: they cannot be run by name, except the cells of tests ({@code test$LINE}, lir-v1.md
 * §2.2), which are internal members: readable (and so executable) by name, listed only with internal members.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenModuleObject implements TruffleObject {
    private final String file;
    private final Map<String, LumenCellObject> cells = new LinkedHashMap<>();
    private final Map<String, LumenCellObject> tests = new LinkedHashMap<>();

    /** How the names of the cells of tests start. */
    private static final String TEST_PREFIX = "test$";

    LumenModuleObject(LumenProgram program, LumenEffects effects) {
        this.file = program.file();
        for (int i = 0; i < program.cellCount(); i++) {
            String name = program.root(i).cell().name();
            if (!name.contains("$")) {
                cells.put(name, new LumenCellObject(program, i, effects));
            } else if (name.startsWith(TEST_PREFIX)) {
                tests.put(name, new LumenCellObject(program, i, effects));
            }
        }
    }

    /** The names of the runnable cells, in document order. */
    @TruffleBoundary
    public java.util.Set<String> cellNames() {
        return java.util.Collections.unmodifiableSet(cells.keySet());
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
    Object getMembers(boolean includeInternal) {
        if (!includeInternal) {
            return LumenList.of(cells.keySet().toArray());
        }
        java.util.List<String> all = new java.util.ArrayList<>(cells.keySet());
        all.addAll(tests.keySet());
        return LumenList.of(all.toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return cells.containsKey(member) || tests.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInternal(String member) {
        return tests.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        LumenCellObject cell = cells.containsKey(member) ? cells.get(member) : tests.get(member);
        if (cell == null) {
            throw UnknownIdentifierException.create(member);
        }
        return cell;
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        return cells.containsKey(member);
    }

    /**
     * {@code module.cell(args…)}, as Java's {@code invokeMember} and JavaScript's {@code m.cell(…)} call it: a call
     * site that names one cell of one module finds it once and calls it as executing it would (directly, with
     * its arguments converted inline); one that sees more looks the cell up on each call.
     */
    @ExportMessage
    static final class InvokeMember {
        @Specialization(guards = {"receiver == cachedModule", "cachedMember.equals(member)", "cell != null"}, limit = "4")
        static Object cached(LumenModuleObject receiver, String member, Object[] arguments,
                @Cached("receiver") LumenModuleObject cachedModule,
                @Cached("member") String cachedMember,
                @Cached("receiver.cell(member)") LumenCellObject cell,
                @CachedLibrary("cell") InteropLibrary cells)
                throws UnsupportedTypeException, ArityException, UnsupportedMessageException {
            return cells.execute(cell, arguments);
        }

        @Specialization(replaces = "cached")
        static Object lookedUp(LumenModuleObject receiver, String member, Object[] arguments,
                @CachedLibrary(limit = "1") InteropLibrary cells)
                throws UnknownIdentifierException, UnsupportedTypeException, ArityException, UnsupportedMessageException {
            LumenCellObject cell = receiver.cell(member);
            if (cell == null) {
                throw UnknownIdentifierException.create(member);
            }
            return cells.execute(cell, arguments);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "module " + file + " " + cells.keySet();
    }
}
