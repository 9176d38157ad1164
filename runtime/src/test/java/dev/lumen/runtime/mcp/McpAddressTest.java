package dev.lumen.runtime.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpAddressTest {

    private static McpAddress.Stdio stdio(String text) {
        return (McpAddress.Stdio) McpAddress.parse(text);
    }

    private static String error(String text) {
        return assertThrows(McpException.class, () -> McpAddress.parse(text)).getMessage();
    }

    @Test
    void aBareCommandLineIsAStdioServer() {
        McpAddress.Stdio memory = stdio("npx @modelcontextprotocol/server-memory");
        assertEquals("npx", memory.command());
        assertEquals(List.of("@modelcontextprotocol/server-memory"), memory.arguments());
        assertEquals(Map.of(), memory.environment());
    }

    @Test
    void stdioPrefixQuotesAndVariables() {
        McpAddress.Stdio server = stdio("stdio: MEMORY_FILE_PATH='/tmp/my memory.json' node \"dist/index.js\" a\\ b 'it'\\''s'");
        assertEquals(Map.of("MEMORY_FILE_PATH", "/tmp/my memory.json"), server.environment());
        assertEquals("node", server.command());
        assertEquals(List.of("dist/index.js", "a b", "it's"), server.arguments());
        assertEquals(List.of("say \"hi\"", "back\\slash"), stdio("echo \"say \\\"hi\\\"\" \"back\\\\slash\"").arguments());
        // Only leading words set variables.
        assertEquals(List.of("X=1"), stdio("env X=1").arguments());
    }

    @Test
    void httpUrlsAreStreamableHttpEndpoints() {
        McpAddress.StreamableHttp http = (McpAddress.StreamableHttp) McpAddress.parse("http://127.0.0.1:3001/mcp");
        assertEquals(URI.create("http://127.0.0.1:3001/mcp"), http.endpoint());
        assertEquals("https://example.com/mcp?x=1",
                ((McpAddress.StreamableHttp) McpAddress.parse("HTTPS://example.com/mcp?x=1")).text().toLowerCase());
    }

    @Test
    void badAddressesAreNamed() {
        assertEquals("MCP server address is empty: write a command line or an http(s):// URL", error("  "));
        assertEquals("MCP server address \"stdio:\" names no command to run", error("stdio:"));
        assertEquals("MCP server address \"A=1\" names no command to run", error("A=1"));
        assertEquals("MCP server address \"ws://host/mcp\": unsupported scheme `ws://`; use an http:// or https:// URL,"
                + " or stdio:<command>", error("ws://host/mcp"));
        assertEquals("MCP server address \"http:///mcp\" has no host", error("http:///mcp"));
        assertEquals("MCP server address \"http://u:p@host/mcp\" holds a user name or password; credentials do not"
                + " belong in an address", error("http://u:p@host/mcp"));
        assertEquals("MCP server address \"http://host/mcp#x\" has a #fragment, which HTTP never sends",
                error("http://host/mcp#x"));
        assertEquals("MCP server address \"http://host/a b\" is not a valid URL: Illegal character in path at column 14",
                error("http://host/a b"));
        assertEquals("MCP server address \"node 'x\" has an unclosed ' quote (opened at column 6 of the command line)",
                error("node 'x"));
        assertEquals("MCP server address \"node \"x\" has an unclosed \" quote (opened at column 6 of the command line)",
                error("node \"x"));
        assertEquals("MCP server address \"node x\\\" ends with a backslash that escapes nothing", error("node x\\"));
    }
}
