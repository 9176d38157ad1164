package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a run answers a server's {@code sampling/createMessage} (mcp-bridge-v1.md §11.3): by a call of the
 * {@code llm.chat} alias the server grant's {@code sampling} clause names, under that alias's own grant, made on
 * the thread that runs the program — traced, cached, budgeted and rate-limited like the program's own calls.
 */
@FunctionalInterface
public interface McpSampler {
    /** What the model replied, and the model that replied. */
    record Reply(String text, String model) {
    }

    /**
     * Calls {@code alias} with {@code input} ({@code llm.chat}'s input, {@code {"messages": […]}}).
     *
     * @throws RuntimeException as the call fails: a tool or policy failure stops the program as any call's does
     */
    Reply chat(String alias, JsonNode input);
}
