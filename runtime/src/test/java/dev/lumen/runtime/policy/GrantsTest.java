package dev.lumen.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.tools.RunLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GrantsTest {

    @Test
    void clausesReadByKind() {
        Grants g = Grants.of(Map.of("domain", List.of("a.example", "b.example"), "timeout_ms", List.of(5000L),
                "temperature", List.of(0.5), "rate_limit", List.of(3L, "per_second")));
        assertEquals(List.of("a.example", "b.example"), g.strings("domain"));
        assertEquals(5000L, g.integer("timeout_ms").getAsLong());
        assertEquals(0.5, g.number("temperature").getAsDouble());
        assertEquals(new Grants.Rate(3, 1000, "per_second"), g.rate().orElseThrow());
        assertTrue(g.strings("path").isEmpty(), "an absent clause grants nothing");
        assertTrue(g.integer("max_tokens").isEmpty());
    }

    @Test
    void thePolicyHashIgnoresClauseOrderButNotValues() {
        Map<String, List<Object>> a = new LinkedHashMap<>();
        a.put("domain", List.of("x"));
        a.put("timeout_ms", List.of(1L));
        Map<String, List<Object>> b = new LinkedHashMap<>();
        b.put("timeout_ms", List.of(1L));
        b.put("domain", List.of("x"));
        assertEquals(Grants.of(a).hash(), Grants.of(b).hash());
        assertNotEquals(Grants.of(a).hash(), Grants.of(Map.of("domain", List.of("y"), "timeout_ms", List.of(1L))).hash());
    }

    @Test
    void callsOverTheRateAreRefusedUntilTheWindowMoves() {
        AtomicLong now = new AtomicLong(10_000);
        RunLimits limits = new RunLimits(now::get);
        Grants twoPerSecond = Grants.of(Map.of("rate_limit", List.of(2L, "per_second")));
        limits.countCall("Fetch", twoPerSecond);
        limits.countCall("Fetch", twoPerSecond);
        PolicyViolation burst = assertThrows(PolicyViolation.class, () -> limits.countCall("Fetch", twoPerSecond));
        assertEquals("rate_limit", burst.clause());
        assertEquals("`Fetch` was called more than 2 per_second (rate_limit 2 per_second)", burst.getMessage());
        limits.countCall("Other", twoPerSecond); // targets are counted apart
        now.addAndGet(1000);
        limits.countCall("Fetch", twoPerSecond);
    }

    @Test
    void aSpentTokenBudgetRefusesFurtherCalls() {
        RunLimits limits = new RunLimits();
        Grants budget = Grants.of(Map.of("token_budget", List.of(100L)));
        limits.checkBudget("Chat", budget);
        limits.addTokens("Chat", 60);
        limits.checkBudget("Chat", budget);
        limits.addTokens("Chat", 40);
        PolicyViolation spent = assertThrows(PolicyViolation.class, () -> limits.checkBudget("Chat", budget));
        assertEquals("token_budget", spent.clause());
    }
}
