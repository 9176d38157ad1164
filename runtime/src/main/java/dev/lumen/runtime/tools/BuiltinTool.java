package dev.lumen.runtime.tools;

import dev.lumen.runtime.tools.fs.ReadFile;
import dev.lumen.runtime.tools.fs.WriteFile;
import dev.lumen.runtime.tools.http.HttpTools;
import dev.lumen.runtime.tools.llm.LlmChat;
import java.util.Map;
import java.util.Optional;

/**
 * A bundled tool that runs inside the Lumen process (its manifest says {@code "exec": {"builtin": true}}): it
 * maps the call's input object to its output, as a subprocess tool would, and goes through the same cache and
 * trace.
 */
@FunctionalInterface
public interface BuiltinTool {

    /**
     * The output for the request's input, a JSON object with the tool's input fields, within its grants.
     *
     * @throws ToolFailure when the tool cannot produce an output for this input
     * @throws dev.lumen.runtime.policy.PolicyViolation when the grants do not allow the call
     */
    ToolResult call(ToolRequest request);

    /** The in-process implementation of bundled tool {@code toolId}, if it has one. */
    static Optional<BuiltinTool> find(String toolId) {
        return Optional.ofNullable(Registry.TOOLS.get(toolId));
    }

    /** Holds the table, so that the interface stays a plain functional interface. */
    final class Registry {
        private static final Map<String, BuiltinTool> TOOLS = Map.of(
                "json.parse", JsonTools::parse,
                "json.emit", JsonTools::emit,
                "fs.read", ReadFile::call,
                "fs.write", WriteFile::call,
                "http.get", HttpTools::get,
                "http.post", HttpTools::post,
                "llm.chat", new LlmChat());

        private Registry() {
        }
    }
}
