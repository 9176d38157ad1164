package dev.lumen.language.truffle;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.TruffleLanguage;
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
import dev.lumen.lir.interpreter.LumenModuleObject;
import dev.lumen.lir.values.LumenList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top scope of a context ({@code Context.getBindings("lumen")}): the runnable cells of every document
 * evaluated in it, by name, readable and invocable as on the document's module object. A document evaluated
 * later wins a name two documents share.
 */
@ExportLibrary(InteropLibrary.class)
final class LumenBindings implements TruffleObject {
    private final Map<String, LumenModuleObject> modules = new LinkedHashMap<>();
    /** Valid while no document has been added: call sites keep the module they found for a name until then. */
    private Assumption unchanged = Truffle.getRuntime().createAssumption("no document evaluated");

    /** Adds the cells of {@code module}, an evaluated document. */
    @TruffleBoundary
    void add(LumenModuleObject module) {
        for (String name : module.cellNames()) {
            modules.remove(name); // the later document's cells come last in the key order too
            modules.put(name, module);
        }
        unchanged.invalidate();
        unchanged = Truffle.getRuntime().createAssumption("no document evaluated");
    }

    Assumption unchanged() {
        return unchanged;
    }

    /** The module whose cell {@code name} is, or null. */
    @TruffleBoundary
    LumenModuleObject moduleOf(String name) {
        return modules.get(name);
    }

    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return LumenLanguage.class;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of(modules.keySet().toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return modules.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberInvocable(String member) {
        return modules.containsKey(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        LumenModuleObject module = modules.get(member);
        if (module == null) {
            throw UnknownIdentifierException.create(member);
        }
        return module.cell(member);
    }

    /** Invokes the cell on the module that has it, which calls it directly (see {@link LumenModuleObject}). */
    @ExportMessage
    static final class InvokeMember {
        @Specialization(guards = {"receiver == cachedBindings", "cachedMember.equals(member)", "module != null"},
                assumptions = "unchanged", limit = "4")
        static Object cached(LumenBindings receiver, String member, Object[] arguments,
                @Cached("receiver") LumenBindings cachedBindings,
                @Cached("member") String cachedMember,
                @Cached("receiver.unchanged()") Assumption unchanged,
                @Cached("receiver.moduleOf(member)") LumenModuleObject module,
                @CachedLibrary("module") InteropLibrary modules)
                throws UnknownIdentifierException, UnsupportedTypeException, ArityException, UnsupportedMessageException {
            return modules.invokeMember(module, member, arguments);
        }

        @Specialization(replaces = "cached")
        static Object lookedUp(LumenBindings receiver, String member, Object[] arguments,
                @CachedLibrary(limit = "1") InteropLibrary modules)
                throws UnknownIdentifierException, UnsupportedTypeException, ArityException, UnsupportedMessageException {
            LumenModuleObject module = receiver.moduleOf(member);
            if (module == null) {
                throw UnknownIdentifierException.create(member);
            }
            return modules.invokeMember(module, member, arguments);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "lumen bindings " + modules.keySet();
    }
}
