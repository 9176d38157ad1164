package dev.lumen.runtime.tools;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the tool calls of one run share: each grant's rate window and token budget. A run starts with a fresh
 * one. Keys are the call's grant target (a tool alias, or {@code Alias.tool} for MCP tools).
 */
public final class RunLimits {
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> calls = new HashMap<>();
    private final Map<String, Long> tokens = new HashMap<>();

    public RunLimits() {
        this(System::currentTimeMillis);
    }

    /** With a clock in milliseconds, for tests. */
    public RunLimits(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Counts a call of {@code target} against its {@code rate_limit}: a call over the rate is refused, not
     * delayed, so a burst shows up as an error where it happens.
     *
     * @throws PolicyViolation when the window already holds the granted number of calls
     */
    public synchronized void countCall(String target, Grants grants) {
        Grants.Rate rate = grants.rate().orElse(null);
        if (rate == null) {
            return;
        }
        long now = clock.getAsLong();
        Deque<Long> window = calls.computeIfAbsent(target, k -> new ArrayDeque<>());
        while (!window.isEmpty() && now - window.peekFirst() >= rate.windowMillis()) {
            window.removeFirst();
        }
        if (window.size() >= rate.calls()) {
            throw new PolicyViolation("rate_limit", "`" + target + "` was called more than " + rate
                    + " (rate_limit " + rate + ")");
        }
        window.addLast(now);
    }

    /** Tokens {@code target} has used in this run. */
    public synchronized long tokensUsed(String target) {
        return tokens.getOrDefault(target, 0L);
    }

    /**
     * Adds tokens a call used; past the grant's {@code token_budget} the run may make no further call of
     * {@code target} ({@link #checkBudget}).
     */
    public synchronized void addTokens(String target, long used) {
        tokens.merge(target, used, Long::sum);
    }

    /** @throws PolicyViolation when {@code target} has spent its {@code token_budget} */
    public synchronized void checkBudget(String target, Grants grants) {
        var budget = grants.integer("token_budget");
        if (budget.isPresent() && tokensUsed(target) >= budget.getAsLong()) {
            throw new PolicyViolation("token_budget", "`" + target + "` has used " + tokensUsed(target)
                    + " tokens in this run, its token_budget is " + budget.getAsLong());
        }
    }
}
