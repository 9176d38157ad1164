package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.errors.LumenRuntimeError;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenType;

/**
 * A runnable cell as hosts see it: executable with the cell's arguments, positionally (converted to the
 * parameters' types, see {@link LumenImport}), returning the cell's result. Members describe it:
 * {@code name}; {@code parameters}, a list of {@code {"name", "type"}} maps in order (types in Lumen's
 * syntax, e.g. {@code list[Int]}); {@code returns}, the return type's text.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenCellObject implements TruffleObject {
    private static final String[] MEMBERS = {"name", "parameters", "returns"};

    private final String name;
    private final String[] paramNames;
    private final LumenType[] paramTypes;
    private final String[] paramTypeTexts;
    private final String returns;
    private final RootCallTarget target;
    private final LumenProgram program;
    private final CellDef cell;

    LumenCellObject(LumenProgram program, int index) {
        CellDef cell = program.root(index).cell();
        this.name = cell.name();
        this.paramNames = cell.params().stream().map(CellDef.ParamDef::name).toArray(String[]::new);
        this.paramTypes = cell.params().stream().map(p -> program.resolve(p.type())).toArray(LumenType[]::new);
        this.paramTypeTexts = cell.params().stream().map(p -> p.type().toString()).toArray(String[]::new);
        this.returns = cell.returns().toString();
        this.target = program.callTarget(index);
        this.program = program;
        this.cell = cell;
    }

    public String name() {
        return name;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments, @Cached IndirectCallNode call) throws ArityException {
        if (arguments.length != paramNames.length) {
            throw ArityException.create(paramNames.length, paramNames.length, arguments.length);
        }
        Object[] values = LumenImport.arguments(name, paramNames, paramTypes, arguments);
        runStart(values);
        Object result;
        try {
            result = call.call(target, values);
        } catch (LumenException e) {
            runFailed(e);
            throw e;
        } catch (LumenFailure f) {
            // from the effects around the run's own cell (its cell_start or cell_end), outside any instruction
            LumenRuntimeError e = new LumenRuntimeError(f.kind(), f.getMessage(), null, null);
            runFailed(e);
            throw e;
        }
        runEnd(result);
        return result;
    }

    /** A host's call of a cell is a run (see {@link LumenEffects}). */
    @TruffleBoundary
    private void runStart(Object[] values) {
        unlocated(() -> program.effects().runStart(program, cell, values));
    }

    @TruffleBoundary
    private void runEnd(Object result) {
        unlocated(() -> program.effects().runEnd(result));
    }

    @TruffleBoundary
    private void runFailed(LumenException failure) {
        unlocated(() -> program.effects().runFailed(failure));
    }

    /** Runs an effect of the run itself: its failures (a store that cannot be written) have no location. */
    private static void unlocated(Runnable effect) {
        try {
            effect.run();
        } catch (LumenFailure f) {
            throw new LumenRuntimeError(f.kind(), f.getMessage(), null, null);
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return LumenList.of((Object[]) MEMBERS);
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return member.equals("name") || member.equals("parameters") || member.equals("returns");
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        switch (member) {
            case "name":
                return name;
            case "returns":
                return returns;
            case "parameters": {
                Object[] params = new Object[paramNames.length];
                for (int i = 0; i < params.length; i++) {
                    params[i] = LumenMap.ofPairs(new Object[] {"name", paramNames[i], "type", paramTypeTexts[i]});
                }
                return LumenList.of(params);
            }
            default:
                throw UnknownIdentifierException.create(member);
        }
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        StringBuilder b = new StringBuilder("cell ").append(name).append('(');
        for (int i = 0; i < paramNames.length; i++) {
            b.append(i > 0 ? ", " : "").append(paramNames[i]).append(": ").append(paramTypeTexts[i]);
        }
        return b.append(") -> ").append(returns).toString();
    }
}
