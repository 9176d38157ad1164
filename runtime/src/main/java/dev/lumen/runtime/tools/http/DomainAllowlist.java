package dev.lumen.runtime.tools.http;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hosts a call's {@code domain} clauses grant (tools-http.md §3): {@code host} (the scheme's default port
 * only), {@code host:port}, and {@code *.suffix} for the names below a domain, never the domain itself. No clause
 * grants nothing.
 */
final class DomainAllowlist {
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
            entries.add(entry(value));
        }
        return new DomainAllowlist(written, List.copyOf(entries));
    }

    private static Entry entry(String value) {
        if (value.contains("/")) {
            throw invalid(value, "a domain is a host and an optional port, without a scheme or a path");
        }
        boolean wildcard = value.startsWith(WILDCARD);
        Authority authority;
        try {
            authority = Authority.parse(wildcard ? value.substring(WILDCARD.length()) : value);
        } catch (IllegalArgumentException e) {
            throw invalid(value, e.getMessage());
        }
        if (wildcard && (authority.host().kind() != HostName.Kind.NAME || !authority.host().text().contains("."))) {
            throw invalid(value, "a wildcard stands for the names below a domain of at least two labels, as in"
                    + " `*.example.com`");
        }
        return new Entry(authority.host(), wildcard, authority.port());
    }

    private static PolicyViolation invalid(String value, String why) {
        return new PolicyViolation("domain", "the grant `domain \"" + value + "\"` is not a host, `host:port` or"
                + " `*.domain`: " + why);
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
