package dev.lumen.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.policy.Grants;

/**
 * One call of a tool: its input (a JSON object of the tool's input fields), the grants it runs under, and the
 * state shared by the calls of the run (budgets, rates).
 */
public record ToolRequest(String toolId, JsonNode input, Grants grants, RunLimits run) {
}
