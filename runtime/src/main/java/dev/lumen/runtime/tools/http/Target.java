package dev.lumen.runtime.tools.http;

import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL the HTTP tools may request (tools-http.md §2): scheme http or https, no user information, the host
 * normalised, no fragment. {@code uri} is rebuilt from the checked parts, and it is what the HTTP client is
 * given, so the host checked against the grant is the host connected to.
 */
record Target(String scheme, HostName host, int port, URI uri) {

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");
    private static final int SHOWN_LENGTH = 200;

    /**
     * @throws PolicyViolation (clause {@code domain}) for another scheme, user information, or a numeric host
     *                         in a non-standard form
     * @throws ToolFailure     when the text is not a valid URL
     */
    static Target parse(String url) {
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.lookingAt()) {
            throw malformed(url, "it does not start with a scheme (`http://` or `https://`)");
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!name.equals("http") && !name.equals("https")) {
            throw new PolicyViolation("domain", "scheme `" + name + ":` is not allowed: only http and https URLs"
                    + " can be requested (" + shown(url) + ")");
        }
        String rest = url.substring(scheme.end());
        if (!rest.startsWith("//")) {
            throw malformed(url, "`" + name + ":` must be followed by `//` and a host");
        }
        int end = authorityEnd(rest);
        String written = rest.substring(2, end);
        int at = written.lastIndexOf('@');
        if (at >= 0) {
            // Not echoed: what stands before the `@` may be a password.
            throw new PolicyViolation("domain", "the URL has user information (`…@`) before its host `"
                    + written.substring(at + 1) + "`, which is refused: it disguises where the request goes,"
                    + " and credentials belong in a header");
        }
        Authority authority;
        try {
            authority = Authority.parse(written);
        } catch (HostName.DisguisedAddress e) {
            throw new PolicyViolation("domain", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw malformed(url, e.getMessage());
        }
        int port = authority.port() == Authority.NO_PORT ? defaultPort(name) : authority.port();
        String text = name + "://" + authority.host().inUrl() + (authority.port() == Authority.NO_PORT ? "" : ":" + port)
                + pathAndQuery(rest.substring(end));
        URI uri;
        try {
            uri = URI.create(new URI(text).toASCIIString());
        } catch (URISyntaxException e) {
            throw malformed(url, reason(e));
        }
        if (uri.getHost() == null) {
            throw malformed(url, "`" + authority.host() + "` is not a host name (its last label must start with a letter)");
        }
        return new Target(name, authority.host(), port, uri);
    }

    /**
     * Where a redirect's {@code Location} points: an absolute URL as it is, a relative reference resolved against
     * this URL (RFC 3986 §5.2), then checked as {@link #parse} checks a URL.
     */
    Target resolve(String location) {
        return parse(References.resolve(uri, location));
    }

    /** 80 for http, 443 for https: the only port a {@code domain} grant without a port allows. */
    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** {@code host}, or {@code host:port} when the port is not the scheme's default: how messages name a target. */
    String authority() {
        return port == defaultPort(scheme) ? host.inUrl() : host.inUrl() + ":" + port;
    }

    /** Whether {@code other} has the same scheme, host and port (credentials are not sent across origins). */
    boolean sameOrigin(Target other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    /** A URL in a message: long ones cut, so that a message stays readable. */
    static String shown(String url) {
        return url.length() <= SHOWN_LENGTH ? url : url.substring(0, SHOWN_LENGTH) + "…";
    }

    private static int authorityEnd(String rest) {
        for (int i = 2; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return rest.length();
    }

    /** The path and query to send: the fragment dropped (it is never sent), an empty path as `/`. */
    private static String pathAndQuery(String afterAuthority) {
        int hash = afterAuthority.indexOf('#');
        String sent = hash < 0 ? afterAuthority : afterAuthority.substring(0, hash);
        return sent.startsWith("/") ? sent : "/" + sent;
    }

    private static String reason(URISyntaxException e) {
        String reason = e.getReason();
        String what = Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        if (e.getIndex() < 0 || e.getIndex() >= e.getInput().length()) {
            return what;
        }
        int c = e.getInput().codePointAt(e.getIndex());
        return what + " (" + (c > ' ' && c < 0x7f ? "`" + Character.toString(c) + "`" : String.format("U+%04X", c)) + ")";
    }

    private static ToolFailure malformed(String url, String why) {
        return new ToolFailure("`" + shown(url) + "` is not a valid URL: " + why);
    }
}
