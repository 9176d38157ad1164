package dev.lumen.runtime.mcp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the client answers a server's {@code elicitation/create} (mcp-bridge-v1.md §11.3), as a server grant's
 * {@code elicitation} clause or {@code lumen run --mcp-elicitation} states it. Without either the client declares
 * no elicitation capability, and a server's request is refused at once.
 */
public enum McpElicitation {
    /** Accept, with each property's schema default (SEP-1034); a required property without one fails the call. */
    DEFAULTS,
    /** Decline: the server is told the user said no. */
    DECLINE,
    /** Answer with an error, and fail the call the server was serving. */
    FAIL;

    /** The policy as a grant or the command line writes it. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<McpElicitation> of(String text) {
        return Arrays.stream(values()).filter(p -> p.text().equals(text)).findFirst();
    }

    /** Every policy as written, in declaration order. */
    public static List<String> texts() {
        return Arrays.stream(values()).map(McpElicitation::text).toList();
    }
}
