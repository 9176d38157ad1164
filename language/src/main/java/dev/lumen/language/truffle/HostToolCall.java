package dev.lumen.language.truffle;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.interpreter.LumenImport;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call of a host tool (tool-manifest-v1.md §8.3): the host's {@code call} function is executed with the
 * call's input and the request (tool id, version, grants, base directory), each a read-only JSON object, and
 * what it returns, any JSON-like value, is the output. A function that throws fails the call with its message,
 * as a tool that answers with an error does; the program never sees the host's stack trace.
 *
 * <p>Reached only from the tool runner, which the interpreter calls behind a {@code @TruffleBoundary}.
 */
final class HostToolCall implements BuiltinTool {
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private final TruffleLanguage.Env env;
    private final ToolManifest manifest;
    private final Object function;

    HostToolCall(TruffleLanguage.Env env, ToolManifest manifest, Object function) {
        this.env = env;
        this.manifest = manifest;
        this.function = function;
    }

    @Override
    public ToolResult call(ToolRequest request) {
        Object output;
        try {
            output = INTEROP.execute(function, JsonView.of(request.input()), JsonView.of(described(request)));
        } catch (AbstractTruffleException e) {
            if (stopsTheContext(e)) {
                throw e;
            }
            throw new ToolFailure(thrown(e));
        } catch (InteropException e) {
            throw new ToolFailure("the host's function cannot be called with an input and a request: " + e.getMessage());
        }
        try {
            Object tree = LumenImport.fromJson(output, LumenType.Primitive.JSON, "output", LumenException.Kind.TOOL,
                    "the host's function returned a value that is not JSON");
            return ToolResult.of(CanonicalValue.of(tree).tree());
        } catch (LumenFailure | IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    /** The request as the tool protocol describes a call (tool-protocol-v1.md §2.2), without the input. */
    private JsonNode described(ToolRequest request) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tool_id", manifest.toolId());
        r.put("version", manifest.version());
        r.put("grants", request.grants().clauses());
        r.put("base_dir", request.base().toString());
        return CanonicalJson.parse(CanonicalJson.write(r));
    }

    /** An exit or an interrupt is not the tool's failure: it stops the whole context. */
    private static boolean stopsTheContext(AbstractTruffleException e) {
        try {
            ExceptionType type = INTEROP.getExceptionType(e);
            return type == ExceptionType.EXIT || type == ExceptionType.INTERRUPT;
        } catch (InteropException notAnException) {
            return false;
        }
    }

    /** What the function threw, as the failure's message: its message, or its kind when it has none. */
    private String thrown(AbstractTruffleException e) {
        if (env.isHostException(e)) {
            Throwable t = env.asHostException(e);
            String message = t.getMessage();
            return message != null && !message.isBlank() ? message : "the host's function threw " + t.getClass().getName();
        }
        try {
            if (INTEROP.hasExceptionMessage(e)) {
                String message = INTEROP.asString(INTEROP.getExceptionMessage(e));
                if (!message.isBlank()) {
                    return message;
                }
            }
        } catch (InteropException ignored) {
            // fall through to the generic message
        }
        return "the host's function failed" + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
