package dev.lumen.runtime.mcp.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.tools.http.ProcessHttpClients;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP requests of authorization, over {@code java.net.http}: metadata documents read as JSON, and the OAuth
 * requests Nimbus builds sent as it would send them. Redirects are not followed (a metadata document or a token
 * endpoint that redirects is not used), and every request is bounded by {@link #TIMEOUT}.
 */
final class AuthHttp {
    /** The bound on one request to a resource, authorization or identity server. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection",
            "expect", "upgrade");

    private final String label;

    AuthHttp(String label) {
        this.label = label;
    }

    /**
     * The client, made at the first request: a session that never authorizes starts none (each has a thread of
     * its own, which would also hold up the process's exit).
     */
    private static HttpClient client() {
        return ProcessHttpClients.shared("MCP authorization", () -> HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1));
    }

    /**
     * The JSON object at {@code url}, or empty when the server answers with anything but a 2xx JSON object (the
     * discovery steps then try the next location).
     *
     * @throws McpException when the server cannot be reached at all
     */
    Optional<JsonNode> getJson(URI url, String what) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = send(request, what);
        if (response.statusCode() / 100 != 2) {
            return Optional.empty();
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return body != null && body.isObject() ? Optional.of(body) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends an OAuth request Nimbus built and gives its response as Nimbus reads responses. */
    HTTPResponse send(HTTPRequest oauth, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(oauth.getURI()).timeout(TIMEOUT);
        for (Map.Entry<String, List<String>> header : oauth.getHeaderMap().entrySet()) {
            if (RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                continue; // set by java.net.http itself
            }
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        String body = oauth.getBody();
        request.method(oauth.getMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = send(request.build(), what);
        HTTPResponse read = new HTTPResponse(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                try {
                    read.setContentType(values.get(0));
                } catch (ParseException e) {
                    // an unreadable content type is left out; the body is then not read as JSON
                }
            } else {
                read.setHeader(name, values.toArray(String[]::new));
            }
        });
        read.setBody(response.body());
        return read;
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new McpException(label + ": " + what + " at " + origin(request.uri()) + " did not answer within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new McpException(label + ": " + what + " at " + origin(request.uri())
                    + " failed: the connection was refused");
        } catch (IOException e) {
            throw new McpException(label + ": " + what + " at " + origin(request.uri()) + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(label + ": " + what + " was interrupted");
        }
    }

    /** A URL without its query, for messages: a query may carry codes or state. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
