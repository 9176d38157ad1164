package dev.lumen.runtime.tools.http;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative references resolved as RFC 3986 §5.2 says, which {@link URI#resolve} does not quite do (it follows
 * RFC 2396: {@code ?q} drops the last path segment, {@code ..} above the root stays). The fragment is dropped:
 * it is never sent.
 */
final class References {
    /** RFC 3986 Appendix B: scheme, authority, path, query, fragment of any reference. */
    private static final Pattern PARTS = Pattern.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?");

    private References() {
    }

    /** The URL {@code reference} points to, read against {@code base} (an absolute URL with an authority). */
    static String resolve(URI base, String reference) {
        Matcher ref = PARTS.matcher(reference);
        if (!ref.find()) {
            throw new IllegalStateException("the RFC 3986 reference pattern matches every string");
        }
        if (ref.group(1) != null) {
            return reference;
        }
        String authority = ref.group(3) != null ? ref.group(4) : base.getRawAuthority();
        String path = ref.group(5);
        String query = ref.group(6) != null ? ref.group(7) : null;
        if (ref.group(3) != null) {
            path = removeDotSegments(path);
        } else if (path.isEmpty()) {
            path = base.getRawPath();
            query = ref.group(6) != null ? query : base.getRawQuery();
        } else if (path.startsWith("/")) {
            path = removeDotSegments(path);
        } else {
            String basePath = base.getRawPath();
            path = removeDotSegments(basePath.substring(0, basePath.lastIndexOf('/') + 1) + path);
        }
        return base.getScheme() + "://" + authority + path + (query == null ? "" : "?" + query);
    }

    /** RFC 3986 §5.2.4: {@code /a/./b/../c} is {@code /a/c}, and {@code ..} never climbs above the root. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder();
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../") || in.equals("/..")) {
                in = in.equals("/..") ? "/" : in.substring(3);
                out.setLength(Math.max(out.lastIndexOf("/"), 0));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', 1);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in = in.substring(end);
            }
        }
        return out.toString();
    }
}
