package dev.lumen.launcher.otel;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanBuilder;
import java.net.URI;

/**
 * The OpenTelemetry MCP semantic conventions on the span of an MCP tool call ({@code mcp:ADDRESS#TOOL},
 * mcp-bridge-v1.md): the method, the tool, the transport the address names, and the protocol version the
 * server agreed to when the trace recorded its handshake.
 */
final class McpAttributes {
    static final String METHOD = "tools/call";

    private McpAttributes() {
    }

    /** The tool's name in {@code ADDRESS#TOOL}. */
    static String toolName(String addressAndTool) {
        int hash = addressAndTool.lastIndexOf('#');
        return hash < 0 ? addressAndTool : addressAndTool.substring(hash + 1);
    }

    static void toolCall(SpanBuilder builder, String addressAndTool, JsonNode server) {
        int hash = addressAndTool.lastIndexOf('#');
        String address = hash < 0 ? addressAndTool : addressAndTool.substring(0, hash);
        builder.setAttribute("mcp.method.name", METHOD)
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", toolName(addressAndTool))
                .setAttribute("jsonrpc.protocol.version", "2.0")
                .setAttribute("lumen.mcp.address", address);
        if (address.startsWith("http://") || address.startsWith("https://")) {
            builder.setAttribute("network.transport", "tcp").setAttribute("network.protocol.name", "http");
            try {
                URI uri = URI.create(address);
                if (uri.getHost() != null) {
                    builder.setAttribute("server.address", uri.getHost());
                }
                int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
                builder.setAttribute("server.port", (long) port);
            } catch (IllegalArgumentException e) {
                // an address the trace holds but no URI parser reads: the transport is still known
            }
        } else {
            builder.setAttribute("network.transport", "pipe");
        }
        if (server != null && server.isObject()) {
            text(builder, "mcp.protocol.version", server.get("protocol_version"));
            text(builder, "lumen.mcp.server.name", server.get("name"));
            text(builder, "lumen.mcp.server.version", server.get("version"));
        }
    }

    private static void text(SpanBuilder builder, String key, JsonNode value) {
        if (value != null && value.isTextual()) {
            builder.setAttribute(key, value.textValue());
        }
    }
}
