package dev.lumen.runtime.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.GrantValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiler and the runtime agree on every {@code domain} value: what {@link DomainAllowlist#problem} reports
 * is exactly what refuses the grant at run time, nothing else is thrown, and a value the help suggests is one
 * the runtime takes. Values are drawn from the characters hosts, URLs and mistakes are made of.
 */
class DomainGrammarProperties {
    private static final Pattern SUGGESTED = Pattern.compile("`domain \"(.*)\"`$");

    @Provide
    Arbitrary<String> domains() {
        Arbitrary<String> pieces = Arbitraries.of("a", "api", "example", "com", "Ex", "xn--bcher-kva", "ü", ".", ".",
                "*", "*.", ":", "::", "8080", "0", "70000", "/", "//", "http://", "https://", "@", "[", "]", "[::1]",
                "127", "0.0.1", "1", " ", "-", "_", "?", "#");
        return pieces.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void theCheckerReportsExactlyWhatTheRuntimeRefuses(@ForAll("domains") String domain) {
        Optional<GrantValues.Problem> problem = DomainAllowlist.problem(domain);
        Optional<String> refusal;
        try {
            DomainAllowlist.of(Grants.of(Map.of("domain", List.of(domain))));
            refusal = Optional.empty();
        } catch (PolicyViolation e) {
            refusal = Optional.of(e.getMessage());
        }
        assertEquals(problem.isPresent(), refusal.isPresent(), domain + ": " + problem + " / " + refusal);
        if (problem.isEmpty()) {
            return;
        }
        assertTrue(refusal.get().endsWith(": " + problem.get().problem()), refusal.get());
        Matcher suggested = SUGGESTED.matcher(problem.get().help());
        if (suggested.find()) {
            assertEquals(Optional.empty(), DomainAllowlist.problem(suggested.group(1)), problem.get().help());
        }
    }
}
