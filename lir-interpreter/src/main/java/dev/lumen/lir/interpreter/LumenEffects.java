package dev.lumen.lir.interpreter;

import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenType;

/**
 * The effects a Lumen program can perform, the trace boundaries of the blueprint (§7): tool calls and schema
 * validation. The interpreter reaches them only through static {@code @TruffleBoundary} helpers of
 * {@link LumenBytecodeNode}, so an implementation is plain Java (the runtime module's tool runner, trace and
 * validator) and never partially evaluated.
 *
 * <p>A run is one call of a cell by a host ({@link #runStart} … {@link #runEnd} or {@link #runFailed}); inside
 * it, the cells that can perform an effect (those that call a tool, validate or take a trace reference,
 * directly or through the cells they call) report their calls with {@link #cellStart} and {@link #cellEnd}. Pure
 * cells report nothing: their results follow from their arguments, and they stay free of boundaries so the
 * compiler sees through them. A cell that fails reports no {@code cellEnd}; the run reports the failure.
 *
 * <p>An implementation reports a failure that stops the program by throwing {@link LumenFailure}; the
 * interpreter locates it at the instruction. {@link #UNAVAILABLE}, the default, performs none of them.
 */
public interface LumenEffects {

    /** A host calls {@code cell} of {@code program} with {@code arguments} (Lumen values): a run begins. */
    default void runStart(LumenProgram program, CellDef cell, Object[] arguments) {
    }

    /** The run's cell returned {@code result}. */
    default void runEnd(Object result) {
    }

    /** The run stopped with {@code failure} (a runtime error, a halt, an unavailable effect). */
    default void runFailed(LumenException failure) {
    }

    /**
     * Whether a run of a cell that can perform no effect must still be reported with {@link #runStart} …
     * {@link #runEnd} or {@link #runFailed} (it is traced, or checked against a replayed run). When not, a host's
     * call of a pure cell is a plain call: the cell compiled into the caller, with no boundary.
     */
    default boolean reportsPureRuns() {
        return false;
    }

    /** An effectful cell is called with {@code arguments}. */
    default void cellStart(CellDef cell, Object[] arguments) {
    }

    /** The effectful cell called last returned {@code result}. */
    default void cellEnd(Object result) {
    }

    /**
     * TOOLCALL: calls {@code tool} with its arguments (a map from input name to the argument's value) and
     * returns the tool's output as a Lumen value of {@code resultType}, the call's type.
     */
    Object callTool(ToolDef tool, LumenMap arguments, LumenType resultType);

    /**
     * TOOLSTART: starts a call of {@code tool} that may run beside the program until {@link #awaitTool} takes its
     * output; calls started together are traced as if made one after the other, in the order started.
     */
    default void startTool(ToolDef tool, LumenMap arguments) {
        throw new LumenFailure("this host runs no `@parallel` tool calls");
    }

    /**
     * AWAIT: the output, as a value of {@code resultType}, of the earliest started call not awaited yet; the first
     * AWAIT of a group waits for every call started and fails with the first failure in the order started.
     */
    default Object awaitTool(LumenType resultType) {
        throw new LumenFailure("this host runs no `@parallel` tool calls");
    }

    /** {@code trace_ref()}: a {@code TraceRef} record (of type {@code traceRefType}) naming the run's latest event. */
    Object traceRef(LumenType traceRefType);

    /**
     * SCHEMA ({@code strict}, halting on failure: the failure's message is the ValidationError's) and VALIDATE
     * (returning {@code ok(value)} or {@code err(ValidationError)}): validates {@code input}, JSON text or a
     * Json tree, against {@code schema}.
     */
    Object validate(LumenType schema, Object input, boolean strict, LumenProgram program);

    /**
     * Asks the run in progress to stop, from any thread (run.md §5): the tool call it waits for, if any, is
     * cancelled at once, and the run stops with a {@link LumenException.Kind#CANCELLED} error, recorded in its
     * trace. The host must also have the run thread poll {@link #takeCancellation} at its next safepoint, where the
     * program is not in a tool call.
     *
     * @param reason why, as the error says it ({@code interrupted (Ctrl-C)})
     * @return the thread of the run in progress, or null when there is none
     */
    default Thread cancel(String reason) {
        return null;
    }

    /**
     * The error that stops a run whose cancellation was asked for and is not raised yet, or null; once taken it is
     * not given again. Called on the run thread.
     */
    default LumenFailure takeCancellation() {
        return null;
    }

    /** What this build does: every effect is a clear runtime error naming the feature. */
    LumenEffects UNAVAILABLE = new LumenEffects() {
        @Override
        public Object callTool(ToolDef tool, LumenMap arguments, LumenType resultType) {
            String what = tool.toolId() != null ? tool.toolId() : "MCP tool `" + tool.mcpTool() + "` of " + tool.mcpServer();
            throw LumenFailure.unavailable("tool calls are not available in this build: `" + tool.alias() + "` (" + what + ")");
        }

        @Override
        public void startTool(ToolDef tool, LumenMap arguments) {
            callTool(tool, arguments, null);
        }

        @Override
        public Object traceRef(LumenType traceRefType) {
            throw LumenFailure.unavailable("`trace_ref()` needs a traced run, and this run is not traced");
        }

        @Override
        public Object validate(LumenType schema, Object input, boolean strict, LumenProgram program) {
            throw LumenFailure.unavailable("schema validation is not available in this build: "
                    + (strict ? "`expect schema " + schema + "`" : "`validate(schema " + schema + ", …)`"));
        }
    };
}
