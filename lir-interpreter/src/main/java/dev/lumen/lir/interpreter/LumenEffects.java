package dev.lumen.lir.interpreter;

import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenType;

/**
 * The effects a Lumen program can perform, the trace boundaries of the blueprint (§7): tool calls and schema
 * validation. The interpreter reaches them only through static {@code @TruffleBoundary} helpers of
 * {@link LumenBytecodeNode}, so an implementation is plain Java (the runtime module's tool runner, trace and
 * validator) and never partially evaluated.
 *
 * <p>An implementation reports a failure that stops the program by throwing {@link LumenFailure}; the
 * interpreter locates it at the instruction. {@link #UNAVAILABLE}, the default, performs none of them.
 */
public interface LumenEffects {

    /**
     * TOOLCALL: calls {@code tool} with its arguments (a map from input name to the argument's JSON tree)
     * and returns the tool's output as a Lumen value of the call's type.
     */
    Object callTool(ToolDef tool, LumenMap arguments);

    /**
     * SCHEMA ({@code strict}, halting on failure: the failure's message is the ValidationError's) and VALIDATE
     * (returning {@code ok(value)} or {@code err(ValidationError)}): validates {@code input}, JSON text or a
     * Json tree, against {@code schema}.
     */
    Object validate(LumenType schema, Object input, boolean strict, LumenProgram program);

    /** What this build does: every effect is a clear runtime error naming the feature. */
    LumenEffects UNAVAILABLE = new LumenEffects() {
        @Override
        public Object callTool(ToolDef tool, LumenMap arguments) {
            String what = tool.toolId() != null ? tool.toolId() : "MCP tool `" + tool.mcpTool() + "` of " + tool.mcpServer();
            throw LumenFailure.unavailable("tool calls are not available in this build: `" + tool.alias() + "` (" + what + ")");
        }

        @Override
        public Object validate(LumenType schema, Object input, boolean strict, LumenProgram program) {
            throw LumenFailure.unavailable("schema validation is not available in this build: "
                    + (strict ? "`expect schema " + schema + "`" : "`validate(schema " + schema + ", …)`"));
        }
    };
}
