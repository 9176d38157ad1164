package dev.lumen.runtime.mcp.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** URL forms authorization compares and sends (RFC 3986 §6.2.2 normalization of scheme, host and port). */
final class Urls {
    private Urls() {
    }

    /** {@code scheme://host[:port]} in lower case, without a default port. */
    static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /**
     * The canonical URI of an MCP server (MCP authorization, "Canonical Server URI"), the {@code resource} of its
     * token requests when it publishes no metadata: origin and path, without a fragment or a trailing slash.
     */
    static URI canonical(URI endpoint) {
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(origin(endpoint) + path + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery()));
    }

    static Optional<URI> absolute(String text) {
        try {
            URI u = new URI(text);
            return u.isAbsolute() && u.getHost() != null ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code url} may carry credentials: https, or http to a loopback host (a local test server). */
    static boolean isSecure(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http")
                && (host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.startsWith("127."));
    }
}
