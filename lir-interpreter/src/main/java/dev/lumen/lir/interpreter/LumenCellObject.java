package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import dev.lumen.lir.effects.SchemaValidator;
import dev.lumen.lir.effects.Validation;
import dev.lumen.lir.errors.LumenArgumentError;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.errors.LumenRuntimeError;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenType;

/**
 * A runnable cell as hosts see it: executable with the cell's arguments, positionally (converted to the
 * parameters' types, see {@link LumenImport}), returning the cell's result. Members describe it:
 * {@code name}; {@code parameters}, a list of {@code {"name", "type"}} maps in order (types in Lumen's
 * syntax, e.g. {@code list[Int]}); {@code returns}, the return type's text. The invocable member
 * {@code argumentsFromJson(text)} reads a JSON object of arguments by parameter name as validation reads JSON
 * (lumen-v1.md §10.3, {@code where} constraints included) and returns them as a list in parameter order, to
 * execute the cell with; arguments that do not validate raise an {@code argument} error carrying the field
 * errors (run.md §2).
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenCellObject implements TruffleObject {
    private static final String ARGUMENTS_FROM_JSON = "argumentsFromJson";
    private static final String[] MEMBERS = {"name", "parameters", "returns", ARGUMENTS_FROM_JSON};

    private final String name;
    private final String[] paramNames;
    private final LumenType[] paramTypes;
    private final String[] paramTypeTexts;
    private final String returns;
    private final RootCallTarget target;
    private final LumenProgram program;
    private final CellDef cell;
    /** The effects of the context the cell object belongs to, which its runs report to. */
    private final LumenEffects effects;
    /** Whether a run of this cell is reported to the effects: it can perform one, or every run is traced. */
    @CompilationFinal private final boolean reported;
    /** The parameters as the fields of a record, which JSON arguments are validated against; made on first use. */
    private LumenRecordType argumentRecord;

    LumenCellObject(LumenProgram program, int index, LumenEffects effects) {
        CellDef cell = program.root(index).cell();
        this.name = cell.name();
        this.paramNames = cell.params().stream().map(CellDef.ParamDef::name).toArray(String[]::new);
        this.paramTypes = cell.params().stream().map(p -> program.resolve(p.type())).toArray(LumenType[]::new);
        this.paramTypeTexts = cell.params().stream().map(p -> p.type().toString()).toArray(String[]::new);
        this.returns = cell.returns().toString();
        this.target = program.callTarget(index);
        this.program = program;
        this.cell = cell;
        this.effects = effects;
        this.reported = program.performsEffects(index) || effects.reportsPureRuns();
    }

    public String name() {
        return name;
    }

    RootCallTarget target() {
        return target;
    }

    /** One argument conversion per parameter, for a call site that calls this cell. */
    LumenArgumentNode[] argumentNodes() {
        LumenArgumentNode[] nodes = new LumenArgumentNode[paramTypes.length];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = LumenArgumentNode.create(name, paramNames[i], paramTypes[i]);
        }
        return nodes;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    /**
     * A host's call. A call site that sees one cell (the usual case: a Java or JS call site calls one function)
     * calls it directly, so the cell's body can be inlined into the caller's compiled code, and converts its
     * arguments with a node per parameter; one that sees many calls them through an indirect call.
     */
    @ExportMessage
    static final class Execute {
        @Specialization(guards = "receiver == cached", limit = "3")
        @ExplodeLoop
        static Object direct(LumenCellObject receiver, Object[] arguments,
                @Cached("receiver") LumenCellObject cached,
                @Cached("create(cached.target())") DirectCallNode call,
                @Cached("cached.argumentNodes()") LumenArgumentNode[] convert) throws ArityException {
            if (arguments.length != convert.length) {
                throw ArityException.create(convert.length, convert.length, arguments.length);
            }
            Object[] values = new Object[convert.length];
            for (int i = 0; i < convert.length; i++) {
                values[i] = convert[i].execute(arguments[i]);
            }
            return cached.run(values, call, null);
        }

        @Specialization(replaces = "direct")
        static Object indirect(LumenCellObject receiver, Object[] arguments, @Cached IndirectCallNode call) throws ArityException {
            if (arguments.length != receiver.paramNames.length) {
                throw ArityException.create(receiver.paramNames.length, receiver.paramNames.length, arguments.length);
            }
            Object[] values = LumenImport.arguments(receiver.name, receiver.paramNames, receiver.paramTypes, arguments);
            return receiver.run(values, null, call);
        }
    }

    /**
     * Runs the cell with converted arguments, through {@code direct} if not null, else {@code indirect}. A run
     * the effects need not see (a pure cell, nothing traced) is the call alone.
     */
    private Object run(Object[] values, DirectCallNode direct, IndirectCallNode indirect) {
        if (!reported) {
            return direct != null ? direct.call(values) : indirect.call(target, values);
        }
        runStart(values);
        Object result;
        try {
            result = direct != null ? direct.call(values) : indirect.call(target, values);
        } catch (LumenException e) {
            runFailed(e);
            throw e;
        } catch (LumenFailure f) {
            // from the effects around the run's own cell (its cell_start or cell_end), outside any instruction
            LumenRuntimeError e = new LumenRuntimeError(f, null, null);
            runFailed(e);
            throw e;
        }
        runEnd(result);
        return result;
    }

    /** A host's call of a cell is a run (see {@link LumenEffects}). */
    @TruffleBoundary
    private void runStart(Object[] values) {
        unlocated(() -> effects.runStart(program, cell, values));
    }

    @TruffleBoundary
    private void runEnd(Object result) {
        unlocated(() -> effects.runEnd(result));
    }

    @TruffleBoundary
    private void runFailed(LumenException failure) {
        unlocated(() -> effects.runFailed(failure));
    }

    /** Runs an effect of the run itself: its failures (a store that cannot be written) have no location. */
    private static void unlocated(Runnable effect) {
        try {
            effect.run();
        } catch (LumenFailure f) {
            throw new LumenRuntimeError(f, null, null);
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
    boolean isMemberInvocable(String member) {
        return ARGUMENTS_FROM_JSON.equals(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments)
            throws UnknownIdentifierException, ArityException, UnsupportedTypeException {
        if (!ARGUMENTS_FROM_JSON.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        if (arguments.length != 1) {
            throw ArityException.create(1, 1, arguments.length);
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        if (!interop.isString(arguments[0])) {
            throw UnsupportedTypeException.create(arguments, "argumentsFromJson takes the arguments as JSON text");
        }
        try {
            return argumentsFromJson(interop.asString(arguments[0]));
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(arguments, "argumentsFromJson takes the arguments as JSON text");
        }
    }

    /** The arguments in {@code text} (a JSON object by parameter name), validated, in parameter order. */
    private Object argumentsFromJson(String text) {
        if (argumentRecord == null) {
            argumentRecord = new LumenRecordType("the arguments of `" + name + "`", paramNames);
            argumentRecord.setFieldTypes(paramTypes);
        }
        Validation.Outcome outcome = new SchemaValidator().validate(argumentRecord, text, program);
        if (!outcome.valid()) {
            LumenRecord error = (LumenRecord) outcome.error();
            throw new LumenArgumentError(outcome.message(), error.get(error.type().indexOf("errors")));
        }
        LumenRecord values = (LumenRecord) outcome.value();
        Object[] items = new Object[paramNames.length];
        for (int i = 0; i < items.length; i++) {
            items[i] = values.get(i);
        }
        return LumenList.of(items);
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
