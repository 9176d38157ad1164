package dev.lumen.launcher.serve;

/**
 * {@code --http [HOST:]PORT}: where the Streamable HTTP endpoint listens (mcp-serve.md §1.2). The host is
 * 127.0.0.1 unless given; an IPv6 address is written in brackets ({@code [::1]:8080}); port 0 takes a free one.
 */
public record HttpAddress(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    /** Reads {@code text}; a malformed address is an IllegalArgumentException whose message says what is wrong. */
    public static HttpAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? LOOPBACK : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("`" + text + "` is not [HOST:]PORT: write an IPv6 host in brackets, as in"
                    + " [::1]:8080");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("`" + text + "` names no host before the `:`");
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("`" + text + "` is not [HOST:]PORT: the port is a number from 0 to 65535"
                    + " (0 takes a free one)");
        }
        return new HttpAddress(host, Integer.parseInt(port));
    }

    /** Whether the host is this machine's loopback interface, which only local clients reach. */
    public boolean loopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** The host as a URL writes it. */
    public String urlHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
