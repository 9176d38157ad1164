package dev.lumen.runtime.mcp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an MCP server is, as written in {@code use tool mcp "ADDRESS" as Alias} (mcp-bridge-v1.md §2): a
 * command line to run as a stdio server, or a Streamable HTTP endpoint.
 */
public sealed interface McpAddress {

    /** The address as written, for messages. */
    String text();

    /**
     * A server run as a subprocess speaking JSON-RPC on its stdin and stdout. {@code environment} holds the
     * {@code NAME=value} words written before the command.
     */
    record Stdio(String text, Map<String, String> environment, String command, List<String> arguments)
            implements McpAddress {
        public Stdio {
            environment = Map.copyOf(environment);
            arguments = List.copyOf(arguments);
        }
    }

    /** A server reached over Streamable HTTP at {@code endpoint}. */
    record StreamableHttp(String text, URI endpoint) implements McpAddress {
    }

    /** A URI scheme at the start of an address, {@code scheme://}. */
    Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    /** {@code stdio:} before a command line. */
    String STDIO_PREFIX = "stdio:";

    /**
     * Parses an address: {@code http://…} or {@code https://…} is a Streamable HTTP endpoint; {@code stdio:} and
     * then a command line, or a bare command line, is a stdio server.
     *
     * @throws McpException naming the address and what is wrong with it
     */
    static McpAddress parse(String text) {
        if (text.isBlank()) {
            throw new McpException("MCP server address is empty: write a command line or an http(s):// URL");
        }
        Matcher scheme = SCHEME.matcher(text);
        if (scheme.find()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("http") && !name.equals("https")) {
                throw new McpException("MCP server address \"" + text + "\": unsupported scheme `" + scheme.group(1)
                        + "://`; use an http:// or https:// URL, or stdio:<command>");
            }
            return new StreamableHttp(text, endpoint(text));
        }
        String commandLine = text.regionMatches(true, 0, STDIO_PREFIX, 0, STDIO_PREFIX.length())
                ? text.substring(STDIO_PREFIX.length())
                : text;
        return stdio(text, CommandLine.split(text, commandLine));
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new McpException("MCP server address \"" + text + "\" is not a valid URL: " + e.getReason()
                    + " at column " + (e.getIndex() + 1));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new McpException("MCP server address \"" + text + "\" has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new McpException("MCP server address \"" + text
                    + "\" holds a user name or password; credentials do not belong in an address");
        }
        if (uri.getRawFragment() != null) {
            throw new McpException("MCP server address \"" + text + "\" has a #fragment, which HTTP never sends");
        }
        return uri;
    }

    private static Stdio stdio(String text, List<String> words) {
        Map<String, String> environment = new LinkedHashMap<>();
        int first = 0;
        while (first < words.size() && CommandLine.isAssignment(words.get(first))) {
            String word = words.get(first++);
            int eq = word.indexOf('=');
            environment.put(word.substring(0, eq), word.substring(eq + 1));
        }
        if (first == words.size()) {
            throw new McpException("MCP server address \"" + text + "\" names no command to run");
        }
        return new Stdio(text, environment, words.get(first), words.subList(first + 1, words.size()));
    }
}
