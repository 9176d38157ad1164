package dev.lumen.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.progress.ProgressListener;
import java.time.Duration;
import java.util.List;

/**
 * A connected MCP server, whatever the protocol revision and transport behind it. Callers use only this; a
 * revision without sessions (2026-07-28, {@code server/discover}) is another implementation of it.
 * Methods are safe to call from several threads; every one returns or fails within a bounded time.
 */
public interface McpServer extends AutoCloseable {

    /** Who the server says it is and the protocol revision in use; known once connected. */
    McpServerIdentity identity();

    /**
     * Every tool the server offers now (all pages of {@code tools/list}), in the server's order.
     *
     * @throws McpException when the server does not answer within the settings' request timeout or fails
     */
    List<McpTool> tools();

    /**
     * Calls {@code tool} with {@code arguments} (a JSON object) and returns its result (mcp-bridge-v1.md §5): the
     * structured content, as its output schema declares it, of a tool that has one; else the McpContent value
     * {@code {"text": …, "content": [blocks…]}}.
     *
     * @throws McpToolError when the server reports the call failed
     * @throws McpException when there is no answer within {@code timeout} or the connection fails
     */
    JsonNode call(String tool, JsonNode arguments, Duration timeout);

    /**
     * As {@link #call(String, JsonNode, Duration)}, telling {@code progress} what the server's progress
     * notifications for this call say (mcp-bridge-v1.md §4.3).
     */
    default JsonNode call(String tool, JsonNode arguments, Duration timeout, ProgressListener progress) {
        return call(tool, arguments, timeout);
    }

    /** The identity and tools together, what a lock file pins. */
    default McpServerManifest manifest() {
        return new McpServerManifest(identity(), tools());
    }

    /**
     * The requests the server sent since this was last asked (mcp-bridge-v1.md §11.3), each with the client's
     * answer, in the order they came; the caller records them with the call they came before or during.
     */
    default List<McpServerRequest> takeServerRequests() {
        return List.of();
    }

    /**
     * Who answers the server's {@code sampling/createMessage} from now on, on the thread waiting for the server's
     * answer to a request; until one is set (and whenever the server grant grants no sampling) they are refused.
     */
    default void sampler(McpSampler sampler) {
    }

    /** Ends the session and stops the server process, if there is one; never fails, returns within seconds. */
    @Override
    void close();
}
