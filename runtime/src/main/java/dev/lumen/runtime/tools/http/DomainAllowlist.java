package dev.lumen.runtime.tools.http;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.GrantValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hosts a call's {@code domain} clauses grant (tools-http.md §3): {@code host} (the scheme's default port
 * only), {@code host:port}, and {@code *.suffix} for the names below a domain, never the domain itself. No clause
 * grants nothing.
 */
public final class DomainAllowlist {
    private static final String WILDCARD = "*.";

    private final List<String> written;
    private final List<Entry> entries;

    private DomainAllowlist(List<String> written, List<Entry> entries) {
        this.written = written;
        this.entries = entries;
    }

    /** One granted host, or every name below {@code host} when {@code wildcard}; {@code port} may be NO_PORT. */
    private record Entry(HostName host, boolean wildcard, int port) {

        boolean matchesHost(HostName candidate) {
            return wildcard
                    ? candidate.kind() == HostName.Kind.NAME && candidate.text().endsWith("." + host.text())
                    : candidate.equals(host);
        }

        boolean matchesPort(Target target) {
            return port == Authority.NO_PORT ? target.port() == Target.defaultPort(target.scheme()) : target.port() == port;
        }
    }

    /**
     * The allowlist of a call's grants.
     *
     * @throws PolicyViolation (clause {@code domain}) when a value is not a host, {@code host:port} or wildcard
     */
    static DomainAllowlist of(Grants grants) {
        List<String> written = grants.strings("domain");
        List<Entry> entries = new ArrayList<>();
        for (String value : written) {
            try {
                entries.add(entry(value));
            } catch (NotADomain e) {
                throw new PolicyViolation("domain", "the grant `domain \"" + value + "\"` is not a host, `host:port`"
                        + " or `*.domain`: " + e.getMessage());
            }
        }
        return new DomainAllowlist(written, List.copyOf(entries));
    }

    /**
     * Why {@code value} is not a {@code domain} value (tools-http.md §3.3), with the value it probably meant when
     * there is one; empty when it is one. The compiler reports what the runtime would refuse.
     */
    public static Optional<GrantValues.Problem> problem(String value) {
        try {
            entry(value);
            return Optional.empty();
        } catch (NotADomain e) {
            return Optional.of(new GrantValues.Problem(e.getMessage(), help(value)));
        }
    }

    private static Entry entry(String value) throws NotADomain {
        if (!value.equals(value.strip())) {
            throw new NotADomain("a domain has no spaces around it");
        }
        if (value.contains("/")) {
            throw new NotADomain("a domain is a host and an optional port, without a scheme or a path");
        }
        if (value.contains("@")) {
            throw new NotADomain("a domain is a host and an optional port, without user information");
        }
        boolean wildcard = value.startsWith(WILDCARD);
        String hostAndPort = wildcard ? value.substring(WILDCARD.length()) : value;
        if (value.equals("*")) {
            throw new NotADomain("`*` is not a host, and no value grants every host: name the hosts the program"
                    + " may reach");
        }
        if (hostAndPort.contains("*")) {
            throw new NotADomain("`*` stands only for the first label of a wildcard, as in `*.example.com`");
        }
        if (!hostAndPort.startsWith("[") && hostAndPort.indexOf(':') != hostAndPort.lastIndexOf(':')) {
            throw new NotADomain("an IPv6 address is written in brackets, as in `[::1]` or `[::1]:8080`");
        }
        Authority authority;
        try {
            authority = Authority.parse(hostAndPort);
        } catch (IllegalArgumentException e) {
            throw new NotADomain(e.getMessage());
        }
        if (wildcard && (authority.host().kind() != HostName.Kind.NAME || !authority.host().text().contains("."))) {
            throw new NotADomain("a wildcard stands for the names below a domain of at least two labels, as in"
                    + " `*.example.com`");
        }
        return new Entry(authority.host(), wildcard, authority.port());
    }

    /**
     * The fix for a value that is not a domain: the host and port of a URL, or of a value with spaces around it,
     * an IPv6 address in brackets, else the forms a domain takes.
     */
    private static String help(String value) {
        String host = value.strip();
        int scheme = host.indexOf("://");
        host = scheme >= 0 ? host.substring(scheme + 3) : host;
        for (char end : new char[] {'/', '?', '#'}) {
            host = host.indexOf(end) >= 0 ? host.substring(0, host.indexOf(end)) : host;
        }
        host = host.substring(host.lastIndexOf('@') + 1);
        if (!host.startsWith("[") && host.indexOf(':') != host.lastIndexOf(':')) {
            host = "[" + host + "]";
        }
        if (!host.equals(value) && !host.isEmpty() && isDomain(host)) {
            return (host.startsWith("[") && !value.contains("[") ? "write an IPv6 address in brackets"
                    : "write the host alone") + ": `domain \"" + host + "\"`";
        }
        return "a domain names a host: `example.com`, `*.example.com` or `example.com:8080`";
    }

    private static boolean isDomain(String value) {
        try {
            entry(value);
            return true;
        } catch (NotADomain e) {
            return false;
        }
    }

    /** A value that is not a domain; the message says why. */
    private static final class NotADomain extends Exception {
        private static final long serialVersionUID = 1L;

        NotADomain(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Why the grant does not allow a request to {@code target}; empty when it does.
     * For example {@code host evil.com is not granted (domain: api.example.com, localhost:8080)}.
     */
    Optional<String> refusal(Target target) {
        if (entries.isEmpty()) {
            return Optional.of("host " + target.authority() + " is not granted (the grant has no domain clause, so no host is)");
        }
        boolean hostGranted = false;
        for (Entry entry : entries) {
            if (entry.matchesHost(target.host())) {
                if (entry.matchesPort(target)) {
                    return Optional.empty();
                }
                hostGranted = true;
            }
        }
        String refusal = "host " + target.authority() + " is not granted (domain: " + String.join(", ", written) + ")";
        return Optional.of(hostGranted ? refusal + "; " + portHint(target) : refusal);
    }

    /** For a host that is granted on other ports: the clause that would grant this one. */
    private static String portHint(Target target) {
        int standard = Target.defaultPort(target.scheme());
        String hint = "port " + target.port() + " of " + target.host() + " would be granted by `domain \""
                + target.authority() + "\"`";
        return target.port() == standard ? hint
                : hint + " (a domain without a port grants only port " + standard + " for " + target.scheme() + ")";
    }
}
