package dev.lumen.runtime.mcp.auth;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 §3, RFC 9110 §11.6.1) with its
 * parameters by lower-case name: {@code error}, {@code error_description}, {@code scope} and RFC 9728's
 * {@code resource_metadata}. A header without a Bearer challenge gives an empty one.
 */
record Challenge(Map<String, String> parameters) {
    static final Challenge NONE = new Challenge(Map.of());

    Challenge {
        parameters = Map.copyOf(parameters);
    }

    /** The Bearer challenge among {@code headers} (the values of every WWW-Authenticate header). */
    static Challenge parse(List<String> headers) {
        for (String header : headers) {
            Challenge c = parse(header);
            if (c != null) {
                return c;
            }
        }
        return NONE;
    }

    /** The Bearer challenge of one header value, or null when it has none. */
    private static Challenge parse(String header) {
        Reader r = new Reader(header);
        while (!r.atEnd()) {
            String scheme = r.token();
            if (scheme.isEmpty()) {
                r.skip(); // a stray character: step over it
                continue;
            }
            Map<String, String> params = r.parameters();
            if (scheme.equalsIgnoreCase("Bearer")) {
                return new Challenge(params);
            }
        }
        return null;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The scopes the challenge asks for, in order; empty when it names none. */
    List<String> scopes() {
        return get("scope").map(s -> Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    Optional<URI> resourceMetadata() {
        return get("resource_metadata").flatMap(Urls::absolute);
    }

    boolean isInsufficientScope() {
        return get("error").map("insufficient_scope"::equals).orElse(false);
    }

    /** {@code error: description} for messages, or "" when the challenge gives neither. */
    String describe() {
        String error = get("error").orElse("");
        String description = get("error_description").orElse("");
        return error.isEmpty() ? description : description.isEmpty() ? error : error + ": " + description;
    }

    /** Reads challenges: {@code scheme [token68 | name=value *("," name=value)] *("," challenge)}. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean atEnd() {
            spaces();
            return at >= text.length();
        }

        void skip() {
            at++;
        }

        private void spaces() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == ',')) {
                at++;
            }
        }

        String token() {
            spaces();
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        /** The parameters that follow a scheme, up to the next scheme (a token not followed by {@code =}). */
        Map<String, String> parameters() {
            Map<String, String> params = new LinkedHashMap<>();
            while (!atEnd()) {
                int mark = at;
                String name = token();
                int afterName = at;
                while (at < text.length() && text.charAt(at) == ' ') {
                    at++;
                }
                if (name.isEmpty() || at >= text.length() || text.charAt(at) != '=') {
                    at = name.isEmpty() ? afterName + 1 : mark; // the next challenge's scheme, or a stray character
                    if (!name.isEmpty()) {
                        return params;
                    }
                    continue;
                }
                at++; // '='
                while (at < text.length() && text.charAt(at) == ' ') {
                    at++;
                }
                String value = at < text.length() && text.charAt(at) == '"' ? quoted() : token();
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            }
            return params;
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            at++; // opening quote
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            at++; // closing quote (or past the end)
            return value.toString();
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
        }
    }
}
