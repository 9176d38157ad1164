package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest
    @CsvSource({
            "http://api.example.com/v1?q=1, http://api.example.com/v1?q=1, 80",
            "HTTPS://API.Example.com., https://api.example.com/, 443",
            "https://api.example.com:8443/x#frag, https://api.example.com:8443/x, 8443",
            "http://example.com?q=1, http://example.com/?q=1, 80",
            "http://bücher.de/straße, http://xn--bcher-kva.de/stra%C3%9Fe, 80",
            "http://[::1]:8080/, http://[::1]:8080/, 8080",
            "http://127.0.0.1:80/, http://127.0.0.1:80/, 80"})
    void aUrlIsRebuiltFromItsCheckedParts(String url, String uri, int port) {
        Target target = Target.parse(url);
        assertEquals(uri, target.uri().toString());
        assertEquals(port, target.port());
        assertEquals(target.host().inUrl(), target.uri().getHost(), "the client connects to the host checked");
    }

    @Test
    void messagesNameTheHostWithItsPortWhenItIsNotTheDefault() {
        assertEquals("example.com", Target.parse("https://example.com:443/").authority());
        assertEquals("example.com:443", Target.parse("http://example.com:443/").authority());
        assertEquals("[::1]:8080", Target.parse("http://[::1]:8080/").authority());
    }

    @Test
    void anOriginIsSchemeHostAndPort() {
        Target a = Target.parse("http://example.com/a");
        assertTrue(a.sameOrigin(Target.parse("http://EXAMPLE.com:80/b")));
        assertFalse(a.sameOrigin(Target.parse("https://example.com/a")));
        assertFalse(a.sameOrigin(Target.parse("http://example.com:8080/a")));
        assertFalse(a.sameOrigin(Target.parse("http://www.example.com/a")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://example.com/a/b?x=1 | c              | https://example.com/a/c",
            "https://example.com/a/b     | /c?d=1         | https://example.com/c?d=1",
            "https://example.com/a/b     | //other.com/x  | https://other.com/x",
            "https://example.com/a/b     | http://x.com/y | http://x.com/y",
            "https://example.com/a/b     | ?page=2        | https://example.com/a/b?page=2",
            "https://example.com/a/b     | //bücher.de/   | https://xn--bcher-kva.de/"})
    void aLocationIsResolvedAgainstTheUrlThatAnswered(String base, String location, String resolved) {
        assertEquals(resolved, Target.parse(base).resolve(location).toString());
    }

    @Test
    void aLocationIsCheckedAsAUrlIs() {
        Target base = Target.parse("https://example.com/");
        assertEquals("domain", assertThrows(PolicyViolation.class, () -> base.resolve("//user@example.com/")).clause());
        assertEquals("domain", assertThrows(PolicyViolation.class, () -> base.resolve("file:///etc/passwd")).clause());
        assertEquals("domain", assertThrows(PolicyViolation.class, () -> base.resolve("//0x7f.1/")).clause());
        assertEquals("`https://example.com/a%zz` is not a valid URL: malformed escape pair (`%`)",
                assertThrows(ToolFailure.class, () -> base.resolve("/a%zz")).getMessage());
    }

    @Test
    void otherSchemesAreRefusedByTheDomainClause() {
        PolicyViolation refusal = assertThrows(PolicyViolation.class, () -> Target.parse("FILE:///etc/passwd"));
        assertEquals("domain", refusal.clause());
        assertEquals("scheme `file:` is not allowed: only http and https URLs can be requested (FILE:///etc/passwd)",
                refusal.getMessage());
    }

    @Test
    void userInformationIsRefusedWithoutRepeatingIt() {
        PolicyViolation refusal = assertThrows(PolicyViolation.class, () -> Target.parse("https://me:s3cret@example.com/"));
        assertEquals("domain", refusal.clause());
        assertEquals("the URL has user information (`…@`) before its host `example.com`, which is refused: it"
                + " disguises where the request goes, and credentials belong in a header", refusal.getMessage());
        assertThrows(PolicyViolation.class, () -> Target.parse("http://@example.com/"));
        assertThrows(PolicyViolation.class, () -> Target.parse("http://a@b@example.com/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.com                | it does not start with a scheme (`http://` or `https://`)",
            "http:example.com           | `http:` must be followed by `//` and a host",
            "http:///path               | the host is empty",
            "http://example.com:99999/  | `99999` is not a port (a number from 1 to 65535)",
            "http://example.com:0/      | `0` is not a port (a number from 1 to 65535)",
            "http://example.com:+80/    | `+80` is not a port (a number from 1 to 65535)",
            "http://example.com:/       | the port after `:` is empty",
            "http://[::1/               | `[::1` is not a valid host (an IPv6 address ends with `]`)",
            "http://[::1]x/             | `[::1]x` has `x` after its IPv6 address, where only `:PORT` may follow",
            "http://a.1b/               | `a.1b` is not a host name (its last label must start with a letter)",
            "http://example.com/a b     | illegal character in path (U+0020)",
            "http://example.com/<x>     | illegal character in path (`<`)"})
    void aMalformedUrlSaysWhatIsWrong(String url, String why) {
        assertEquals("`" + url + "` is not a valid URL: " + why,
                assertThrows(ToolFailure.class, () -> Target.parse(url)).getMessage());
    }

    @Test
    void aLongUrlIsCutInMessages() {
        String url = "gopher://example.com/" + "x".repeat(500);
        String message = assertThrows(PolicyViolation.class, () -> Target.parse(url)).getMessage();
        assertTrue(message.endsWith("x…)"), message);
        assertTrue(message.length() < 300, message);
    }
}
