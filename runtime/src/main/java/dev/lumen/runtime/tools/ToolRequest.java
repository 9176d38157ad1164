package dev.lumen.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.policy.Grants;
import java.nio.file.Path;

/**
 * One call of a tool: its input (a JSON object of the tool's input fields), the grants it runs under, the state
 * shared by the calls of the run (budgets, rates), and the directory relative paths are read against (the
 * document's directory; the working directory for a module with no document).
 */
public record ToolRequest(String toolId, JsonNode input, Grants grants, RunLimits run, Path base) {

    public ToolRequest {
        base = Host.current().absolute(base).normalize();
    }

    /** A request whose relative paths are read against the working directory. */
    public ToolRequest(String toolId, JsonNode input, Grants grants, RunLimits run) {
        this(toolId, input, grants, run, Host.current().directory());
    }
}
