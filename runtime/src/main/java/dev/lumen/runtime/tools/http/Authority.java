package dev.lumen.runtime.tools.http;

import java.util.regex.Pattern;

/**
 * {@code host} or {@code host:port}, as a URL's authority (without user information) or a {@code domain} grant
 * writes it; {@code port} is {@link #NO_PORT} when none is written.
 */
record Authority(HostName host, int port) {
    static final int NO_PORT = -1;

    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * @throws HostName.DisguisedAddress when the host is a numeric address in a non-standard form
     * @throws IllegalArgumentException when the text is not a host with an optional port; the message says why
     */
    static Authority parse(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close >= 0 && close + 1 < text.length()) {
                host = text.substring(0, close + 1);
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("`" + text + "` has `" + text.substring(close + 1)
                            + "` after its IPv6 address, where only `:PORT` may follow");
                }
                port = text.substring(close + 2);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        return new Authority(HostName.parse(host), port == null ? NO_PORT : port(port));
    }

    private static int port(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the port after `:` is empty");
        }
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) == 0 || Integer.parseInt(text) > 65_535) {
            throw new IllegalArgumentException("`" + text + "` is not a port (a number from 1 to 65535)");
        }
        return Integer.parseInt(text);
    }
}
