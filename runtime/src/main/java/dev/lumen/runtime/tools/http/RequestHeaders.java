package dev.lumen.runtime.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request headers a call gives in its {@code headers} input (tools-http.md §5), checked, in the order given.
 * Names are kept as written; they are compared without regard to case.
 */
final class RequestHeaders {
    /** Set by the HTTP client from the URL: one given here would send the request to another (virtual) host. */
    private static final String HOST = "host";
    /** Framing and connection headers the HTTP client writes itself; given here they could smuggle a request. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "upgrade", "expect", "te", "trailer");
    /** Not sent on to another origin after a redirect. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");
    /** Describe a request body: dropped with the body when a redirect turns a POST into a GET. */
    private static final Set<String> BODY = Set.of("content-type", "content-encoding", "content-language",
            "content-location");
    /** RFC 9110 §5.6.2: a field name is a token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Lower-case name → the header as given (name, value). */
    private final Map<String, Map.Entry<String, String>> headers;

    private RequestHeaders(Map<String, Map.Entry<String, String>> headers) {
        this.headers = headers;
    }

    /**
     * The {@code headers} input: absent, null, or an object of String values.
     *
     * @throws PolicyViolation (clause {@code domain}) for a {@code Host} header
     * @throws ToolFailure     for any other header Lumen does not send: framing, line breaks, bad names
     */
    static RequestHeaders from(JsonNode input) {
        Map<String, Map.Entry<String, String>> headers = new LinkedHashMap<>();
        if (input == null || input.isNull()) {
            return new RequestHeaders(headers);
        }
        if (!input.isObject()) {
            throw new ToolFailure("input `headers` must be a map of String to String, or null");
        }
        for (Map.Entry<String, JsonNode> header : input.properties()) {
            String name = header.getKey();
            JsonNode value = header.getValue();
            if (!value.isTextual()) {
                throw new ToolFailure("input `headers` must map header names to Strings, and header `" + visible(name)
                        + "` is " + value + ", not a String");
            }
            String key = checkName(name);
            checkValue(name, value.textValue());
            Map.Entry<String, String> earlier = headers.put(key, Map.entry(name, value.textValue()));
            if (earlier != null) {
                throw new ToolFailure("header `" + key + "` is given twice (as `" + earlier.getKey() + "` and `"
                        + name + "`)");
            }
        }
        return new RequestHeaders(headers);
    }

    private static String checkName(String name) {
        if (!TOKEN.matcher(name).matches()) {
            throw new ToolFailure("`" + visible(name) + "` is not a header name (a name is letters, digits and"
                    + " !#$%&'*+-.^_`|~, with no spaces or line breaks)");
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals(HOST)) {
            throw new PolicyViolation("domain", "header `" + name + "` is refused: the URL's host decides where the"
                    + " request goes, and the grant decides which hosts it may");
        }
        if (FRAMING.contains(key)) {
            throw new ToolFailure("header `" + name + "` cannot be given: the HTTP client writes it, and one given"
                    + " by the program could change how the request is framed");
        }
        return key;
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new ToolFailure("header `" + name + "` has a line break in its value (" + visible(value)
                        + "), which would start another header");
            }
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw new ToolFailure("header `" + name + "` has the control character " + visible(String.valueOf(c))
                        + " in its value");
            }
            if (c > 0x7e) {
                throw new ToolFailure("header `" + name + "` has the character `" + c + "` in its value; header"
                        + " values are ASCII (percent-encode other text)");
            }
        }
    }

    /** Text with its control characters written as escapes, so that a message shows where they are. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c < ' ' || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return out.toString();
    }

    /** These headers and {@code name: value}, when no header of that name is given. */
    RequestHeaders withDefault(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (headers.containsKey(key)) {
            return this;
        }
        Map<String, Map.Entry<String, String>> out = new LinkedHashMap<>(headers);
        out.put(key, Map.entry(name, value));
        return new RequestHeaders(out);
    }

    /** The headers for the next hop of a redirect: without credentials to another origin, without body headers when the body is dropped. */
    RequestHeaders forRedirect(boolean otherOrigin, boolean bodyDropped) {
        Map<String, Map.Entry<String, String>> out = new LinkedHashMap<>(headers);
        if (otherOrigin) {
            out.keySet().removeAll(CREDENTIALS);
        }
        if (bodyDropped) {
            out.keySet().removeAll(BODY);
        }
        return new RequestHeaders(out);
    }

    void addTo(HttpRequest.Builder request) {
        headers.values().forEach(h -> request.header(h.getKey(), h.getValue()));
    }
}
