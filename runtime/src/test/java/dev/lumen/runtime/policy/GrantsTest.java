package dev.lumen.runtime.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.limits.MemoryWindows;
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
        assertEquals(new Grants.Rate(3, Window.PER_SECOND), g.rate().orElseThrow());
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
        RunLimits limits = new RunLimits(new MemoryWindows(now::get));
        Grants twoPerSecond = Grants.of(Map.of("rate_limit", List.of(2L, "per_second")));
        limits.countCall("Fetch", "http.get", twoPerSecond);
        limits.countCall("Fetch", "http.get", twoPerSecond);
        PolicyViolation burst = assertThrows(PolicyViolation.class,
                () -> limits.countCall("Fetch", "http.get", twoPerSecond));
        assertEquals("rate_limit", burst.clause());
        assertEquals("`Fetch` was already called 2 times in the last second (rate_limit 2 per_second)",
                burst.getMessage());
        limits.countCall("Post", "http.post", twoPerSecond); // another tool is counted apart
        limits.countCall("Fetch", "http.get", Grants.of(Map.of("rate_limit", List.of(2L, "per_second"),
                "domain", List.of("a.example")))); // and so is another grant
        PolicyViolation renamed = assertThrows(PolicyViolation.class,
                () -> limits.countCall("Get", "http.get", twoPerSecond));
        assertTrue(renamed.getMessage().startsWith("`Get` was already called 2 times"), "an alias is only a name");
        now.addAndGet(1000);
        limits.countCall("Fetch", "http.get", twoPerSecond);
    }

    @Test
    void aSpentTokenBudgetRefusesFurtherCalls() {
        RunLimits limits = new RunLimits();
        Grants budget = Grants.of(Map.of("token_budget", List.of(100L)));
        limits.checkBudget("llm.chat", budget);
        limits.addTokens("llm.chat", budget, 60);
        limits.checkBudget("llm.chat", budget);
        limits.addTokens("llm.chat", budget, 40);
        PolicyViolation spent = assertThrows(PolicyViolation.class, () -> limits.checkBudget("llm.chat", budget));
        assertEquals("token_budget", spent.clause());
        assertEquals("`llm.chat` has used 100 tokens in this run, its token_budget is 100", spent.getMessage());
        assertEquals(0, new RunLimits().tokensUsed("llm.chat"), "a budget per run starts afresh");
    }

    @Test
    void aBudgetOverAWindowOutlivesTheRun() {
        AtomicLong now = new AtomicLong(1_000_000);
        MemoryWindows windows = new MemoryWindows(now::get);
        Grants perDay = Grants.of(Map.of("token_budget", List.of(100L, "per_day")));
        RunLimits first = new RunLimits(windows);
        first.checkBudget("llm.chat", perDay);
        first.addTokens("llm.chat", perDay, 163);
        RunLimits next = new RunLimits(windows);
        PolicyViolation spent = assertThrows(PolicyViolation.class, () -> next.checkBudget("llm.chat", perDay));
        assertEquals("`llm.chat` has used 163 tokens in the last day under this grant, its token_budget 100 per_day",
                spent.getMessage());
        now.addAndGet(Window.PER_DAY.millis());
        next.checkBudget("llm.chat", perDay);
    }

    @Test
    void malformedLimitsFromHandWrittenLirAllowNoCall() {
        for (List<Object> rate : List.of(List.<Object>of(3L), List.<Object>of(3L, "per_week"), List.<Object>of(0L, "per_minute"),
                List.<Object>of("3", "per_minute"))) {
            PolicyViolation v = assertThrows(PolicyViolation.class,
                    () -> Grants.of(Map.of("rate_limit", rate)).rate(), rate.toString());
            assertEquals("rate_limit", v.clause());
        }
        for (List<Object> budget : List.of(List.<Object>of(-1L), List.<Object>of(3L, "per_week"), List.<Object>of(2.5))) {
            PolicyViolation v = assertThrows(PolicyViolation.class,
                    () -> Grants.of(Map.of("token_budget", budget)).budget(), budget.toString());
            assertEquals("token_budget", v.clause());
        }
        assertEquals(new Grants.Budget(5, null), Grants.of(Map.of("token_budget", List.of(5L, "per_run"))).budget()
                .orElseThrow());
    }
}
