package dev.lumen.runtime.tools.http;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host as the domain allowlist compares it (tools-http.md §3): a name in lower-case ASCII (IDN labels in
 * punycode, one trailing dot removed), an IPv4 address in dotted decimal, or an IPv6 address in its RFC 5952
 * form. URLs and grants are normalised the same way, so that equal hosts have equal text.
 */
record HostName(String text, Kind kind) {

    enum Kind { NAME, IPV4, IPV6 }

    /** A last label that resolvers read as a number (decimal, or hexadecimal with 0x), which makes the host an address. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    /**
     * Normalises a host as written in a URL or grant: a name, a dotted-decimal IPv4 address, or an IPv6 address in
     * brackets.
     *
     * @throws DisguisedAddress when the host is a numeric address in a form other than the standard one
     * @throws IllegalArgumentException when it is not a host at all; the message says why
     */
    static HostName parse(String written) {
        if (written.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (written.startsWith("[")) {
            return ipv6(written);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(written, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("`" + written + "` is not a valid host name (" + reason(written, e) + ")");
        }
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("`" + written + "` is not a valid host name (empty label)");
        }
        String lastLabel = name.substring(name.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(lastLabel).matches() ? ipv4(written, name) : new HostName(name, Kind.NAME);
    }

    /**
     * Why IDN refused a name, in words: its own message for a code point that StringPrep prohibits is a wrapped
     * {@code java.text.ParseException} that ends in the input, so that case names the code point instead.
     */
    private static String reason(String written, IllegalArgumentException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.isEmpty() || message.contains("Exception")) {
            return written.codePoints()
                    .filter(c -> !(Character.isLetterOrDigit(c) || c == '-' || c == '.'))
                    .mapToObj(c -> "contains " + (Character.isWhitespace(c) || Character.isSpaceChar(c)
                            || Character.isISOControl(c) ? String.format("U+%04X", c)
                            : String.format("`%s` (U+%04X)", Character.toString(c), c)) + ", which a host name cannot hold")
                    .findFirst()
                    .orElse("not a valid internationalized domain name");
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** The host as it stands in a URL's authority: IPv6 addresses in brackets. */
    String inUrl() {
        return kind == Kind.IPV6 ? "[" + text + "]" : text;
    }

    @Override
    public String toString() {
        return inUrl();
    }

    /**
     * A host that ends in a number is an IPv4 address to every resolver, which also reads forms such as
     * {@code 2130706433}, {@code 0x7f.1}, {@code 127.1} and {@code 0177.0.0.1} (octal): only the standard form is
     * accepted, so that the host checked is visibly the address connected to.
     */
    private static HostName ipv4(String written, String name) {
        InetAddress address;
        try {
            address = Inet4Address.ofPosixLiteral(name);
        } catch (IllegalArgumentException e) {
            throw new DisguisedAddress("host `" + written + "` ends in a number but is not an IPv4 address");
        }
        String standard = address.getHostAddress();
        if (!standard.equals(name)) {
            throw new DisguisedAddress("host `" + written + "` is the IPv4 address " + standard
                    + " in another form; write it as " + standard);
        }
        return new HostName(standard, Kind.IPV4);
    }

    private static HostName ipv6(String written) {
        if (!written.endsWith("]")) {
            throw new IllegalArgumentException("`" + written + "` is not a valid host (an IPv6 address ends with `]`)");
        }
        String inside = written.substring(1, written.length() - 1);
        if (inside.contains("%")) {
            throw new IllegalArgumentException("`" + written + "` has a zone id (`%…`), which is not supported");
        }
        String invalid = "`" + written + "` is not a valid IPv6 address";
        if (!IPV6_CHARS.matcher(inside).matches()) {
            throw new IllegalArgumentException(invalid);
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(inside);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid);
        }
        if (!(address instanceof Inet6Address)) {
            throw new DisguisedAddress("host `" + written + "` is the IPv4 address " + address.getHostAddress()
                    + " written as IPv6; write it as " + address.getHostAddress());
        }
        return new HostName(rfc5952(address.getHostAddress()), Kind.IPV6);
    }

    /** {@code 0:0:0:0:0:0:0:1} as {@code ::1}: the longest run of two or more zero groups (the first of equals) as {@code ::}. */
    private static String rfc5952(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** A host that is a numeric address written in a non-standard form: refused by policy, not malformed. */
    static final class DisguisedAddress extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DisguisedAddress(String message) {
            super(message);
        }
    }
}
