package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.GrantValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainAllowlistTest {

    private static DomainAllowlist allowing(String... domains) {
        return DomainAllowlist.of(Grants.of(Map.of("domain", List.of((Object[]) domains))));
    }

    private static boolean allows(DomainAllowlist allowlist, String url) {
        return allowlist.refusal(Target.parse(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "api.example.com, http://api.example.com/, true",
            "api.example.com, https://api.example.com/x, true",
            "api.example.com, https://API.EXAMPLE.COM./, true",
            "api.example.com., https://api.example.com/, true",
            "API.Example.com, https://api.example.com/, true",
            "api.example.com, https://api.example.com:443/, true",
            "api.example.com, https://api.example.com:8443/, false",
            "api.example.com, http://api.example.com:443/, false",
            "api.example.com, https://example.com/, false",
            "api.example.com, https://v2.api.example.com/, false",
            "api.example.com, https://api.example.com.evil.com/, false",
            "api.example.com, https://evilapi.example.com/, false",
            "example.com, https://www.example.com/, false",
            "localhost:8080, http://localhost:8080/, true",
            "localhost:8080, https://localhost:8080/, true",
            "localhost:8080, http://localhost/, false",
            "localhost:8080, http://localhost:8081/, false",
            "localhost:8080, http://127.0.0.1:8080/, false",
            "127.0.0.1:8080, http://localhost:8080/, false",
            "bücher.de, https://xn--bcher-kva.de/, true",
            "xn--bcher-kva.de, https://Bücher.de/, true",
            "example.com, https://exаmple.com/, false",
            "[::1]:8080, http://[0:0:0:0:0:0:0:1]:8080/, true",
            "[::1]:8080, http://127.0.0.1:8080/, false"})
    void hostsMatchExactlyAfterNormalisationAndOnlyOnTheirPort(String domain, String url, boolean allowed) {
        assertEquals(allowed, allows(allowing(domain), url), domain + " / " + url);
    }

    @ParameterizedTest
    @CsvSource({
            "https://api.example.com/, true",
            "https://a.b.example.com/, true",
            "https://EXAMPLE.example.com./, true",
            "https://example.com/, false",
            "https://evil-example.com/, false",
            "https://evilexample.com/, false",
            "https://example.com.evil.com/, false",
            "https://api.example.com:8443/, false"})
    void aWildcardGrantsTheNamesBelowADomainButNotTheDomain(String url, boolean allowed) {
        assertEquals(allowed, allows(allowing("*.example.com"), url), url);
    }

    @Test
    void aWildcardWithAPortGrantsThatPort() {
        assertTrue(allows(allowing("*.example.com:8443"), "https://api.example.com:8443/"));
        assertTrue(!allows(allowing("*.example.com:8443"), "https://api.example.com/"));
    }

    @Test
    void aRefusalNamesTheGrant() {
        assertEquals(Optional.of("host evil.com is not granted (domain: api.example.com, localhost:8080)"),
                allowing("api.example.com", "localhost:8080").refusal(Target.parse("https://evil.com/")));
        assertEquals(Optional.of("host api.example.com:8443 is not granted (domain: api.example.com); port 8443 of"
                        + " api.example.com would be granted by `domain \"api.example.com:8443\"` (a domain without a"
                        + " port grants only port 443 for https)"),
                allowing("api.example.com").refusal(Target.parse("https://api.example.com:8443/")));
        assertEquals(Optional.of("host localhost is not granted (domain: localhost:8080); port 80 of localhost would"
                        + " be granted by `domain \"localhost\"`"),
                allowing("localhost:8080").refusal(Target.parse("http://localhost/")));
        assertEquals(Optional.of("host example.com is not granted (the grant has no domain clause, so no host is)"),
                DomainAllowlist.of(Grants.of(Map.of())).refusal(Target.parse("https://example.com/")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://api.example.com | a domain is a host and an optional port, without a scheme or a path",
            "api.example.com/v1      | a domain is a host and an optional port, without a scheme or a path",
            "user@api.example.com    | a domain is a host and an optional port, without user information",
            "127.1                   | host `127.1` is the IPv4 address 127.0.0.1 in another form; write it as 127.0.0.1",
            "example.com:http        | `http` is not a port (a number from 1 to 65535)",
            "*.com                   | a wildcard stands for the names below a domain of at least two labels, as in `*.example.com`",
            "*.127.0.0.1             | a wildcard stands for the names below a domain of at least two labels, as in `*.example.com`",
            "api.*.com               | `*` stands only for the first label of a wildcard, as in `*.example.com`",
            "*api.example.com        | `*` stands only for the first label of a wildcard, as in `*.example.com`",
            "*.*.example.com         | `*` stands only for the first label of a wildcard, as in `*.example.com`",
            "*                       | `*` is not a host, and no value grants every host: name the hosts the program may reach",
            "::1                     | an IPv6 address is written in brackets, as in `[::1]` or `[::1]:8080`",
            "example.com:0           | `0` is not a port (a number from 1 to 65535)",
            "example.com:65536       | `65536` is not a port (a number from 1 to 65535)",
            "example.com:            | the port after `:` is empty",
            "example..com            | `example..com` is not a valid host name (empty label is not a legal name)"})
    void aGrantThatIsNoHostRefusesEveryCall(String domain, String why) {
        PolicyViolation refusal = assertThrows(PolicyViolation.class, () -> allowing("example.org", domain));
        assertEquals("domain", refusal.clause());
        assertEquals("the grant `domain \"" + domain + "\"` is not a host, `host:port` or `*.domain`: " + why,
                refusal.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:18080/ok | write the host alone: `domain \"127.0.0.1:18080\"`",
            "127.0.0.1:18080/ok        | write the host alone: `domain \"127.0.0.1:18080\"`",
            "https://user@api.example.com/v1?x#y | write the host alone: `domain \"api.example.com\"`",
            "2001:db8::1               | write an IPv6 address in brackets: `domain \"[2001:db8::1]\"`",
            "*                         | a domain names a host: `example.com`, `*.example.com` or `example.com:8080`",
            "*.com                     | a domain names a host: `example.com`, `*.example.com` or `example.com:8080`",
            "http://*.com/             | a domain names a host: `example.com`, `*.example.com` or `example.com:8080`"})
    void theCompilerIsToldWhatTheRuntimeRefusesAndHowToFixIt(String domain, String help) {
        GrantValues.Problem problem = DomainAllowlist.problem(domain).orElseThrow();
        assertEquals(help, problem.help());
        PolicyViolation refusal = assertThrows(PolicyViolation.class, () -> allowing(domain));
        assertTrue(refusal.getMessage().endsWith(": " + problem.problem()), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "API.Example.COM", "example.com.", "Bücher.DE.", "localhost:8080",
            "*.example.com", "*.example.com:8443", "127.0.0.1", "[::1]", "[::1]:8080", "x"})
    void valuesTheRuntimeTakesAreNotProblems(String domain) {
        assertEquals(Optional.empty(), DomainAllowlist.problem(domain));
        allowing(domain);
    }
}
