package dev.lumen.runtime.tools;

import dev.lumen.runtime.limits.LimitKey;
import dev.lumen.runtime.limits.LimitWindows;
import dev.lumen.runtime.limits.MemoryWindows;
import dev.lumen.runtime.limits.Tally;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.policy.Window;
import dev.lumen.runtime.store.StoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The limits the tool calls of a run count against (tool-manifest-v1.md §4.4): each grant's {@code rate_limit}
 * and {@code token_budget} over a window, kept in {@link LimitWindows} that outlive the run (the store's, shared
 * by every run using it, or a context's memory), and the tokens of {@code token_budget}s kept per run, which
 * this object holds. A run starts with a fresh one.
 */
public final class RunLimits {
    private final LimitWindows windows;
    private final Map<String, Long> runTokens = new HashMap<>();
    /** Takes the spending of a call's tokens to do later, or declines it (false): then it is done at once. */
    private final Predicate<Runnable> deferral;

    /** Limits whose windows are this object's alone (a tool called outside a run, tests). */
    public RunLimits() {
        this(new MemoryWindows());
    }

    public RunLimits(LimitWindows windows) {
        this(windows, spend -> false);
    }

    /**
     * @param deferral takes the spending of a call's tokens to do later, or declines it: the calls of a
     *                 `@parallel` block spend theirs when the block's writes are made, in source order, so each
     *                 call of the block is checked against the tokens spent before the block, whatever order
     *                 the calls end in
     */
    public RunLimits(LimitWindows windows, Predicate<Runnable> deferral) {
        this.windows = windows;
        this.deferral = deferral;
    }

    /**
     * Counts a call of {@code toolId}, which the document names {@code target}, against its grant's
     * {@code rate_limit}: a call over the rate is refused, not delayed, so a burst shows up as an error where it
     * happens.
     *
     * @throws PolicyViolation when the window already holds the granted number of calls, or cannot be counted
     */
    public void countCall(String target, String toolId, Grants grants) {
        Grants.Rate rate = grants.rate().orElse(null);
        if (rate == null) {
            return;
        }
        String clause = "rate_limit " + rate;
        Tally tally = count(new LimitKey(toolId, grants.hash(), "rate_limit"), target, clause, rate.window(),
                rate.calls(), 1);
        if (tally instanceof Tally.Full full) {
            String times = full.used() == 1 ? "once" : full.used() + " times";
            throw new PolicyViolation("rate_limit", "`" + target + "` was already called " + times + " in "
                    + rate.window().last() + " (" + clause + sharing() + ")");
        }
    }

    /** Tokens {@code toolId} has used in this run. */
    public synchronized long tokensUsed(String toolId) {
        return runTokens.getOrDefault(toolId, 0L);
    }

    /**
     * Before a call of {@code toolId}: refuses it when its grant's {@code token_budget} is spent. A budget per run
     * counts the tokens of every call of the tool in this run, whatever its grant; a budget over a window counts
     * the calls under this grant.
     *
     * @throws PolicyViolation when the budget is spent, or its window cannot be read
     */
    public void checkBudget(String toolId, Grants grants) {
        Grants.Budget budget = grants.budget().orElse(null);
        if (budget == null) {
            return;
        }
        String clause = "token_budget " + budget;
        if (budget.perRun()) {
            long used = tokensUsed(toolId);
            if (used >= budget.tokens()) {
                throw new PolicyViolation("token_budget", "`" + toolId + "` has used " + used
                        + " tokens in this run, its token_budget is " + budget.tokens());
            }
            return;
        }
        Tally tally = count(budgetKey(toolId, grants), toolId, clause, budget.window(), budget.tokens(), 0);
        if (tally instanceof Tally.Full full) {
            throw new PolicyViolation("token_budget", "`" + toolId + "` has used " + full.used() + " tokens in "
                    + budget.window().last() + " under this grant, its " + clause + sharing());
        }
    }

    /**
     * After a call of {@code toolId}: adds the tokens it used to this run's count and to its grant's budget
     * window, if it has one. A call that started under the budget may end over it; the next is refused.
     *
     * @throws PolicyViolation when the window cannot be written (the tokens were spent, but would not count)
     */
    public void addTokens(String toolId, Grants grants, long used) {
        Runnable spend = () -> spendTokens(toolId, grants, used);
        if (!deferral.test(spend)) {
            spend.run();
        }
    }

    private void spendTokens(String toolId, Grants grants, long used) {
        synchronized (this) {
            runTokens.merge(toolId, used, Long::sum);
        }
        Grants.Budget budget = grants.budget().orElse(null);
        if (budget == null || budget.perRun()) {
            return;
        }
        try {
            windows.spend(budgetKey(toolId, grants), budget.window().millis(), used);
        } catch (StoreException e) {
            throw new PolicyViolation("token_budget", "the " + used + " tokens `" + toolId
                    + "` used cannot be counted against token_budget " + budget + ": " + e.getMessage());
        }
    }

    private static LimitKey budgetKey(String toolId, Grants grants) {
        return new LimitKey(toolId, grants.hash(), "token_budget");
    }

    /** Counts {@code amount} against {@code limit}; a window that cannot be read refuses the call. */
    private Tally count(LimitKey key, String target, String clause, Window window, long limit, long amount) {
        Tally tally;
        try {
            tally = windows.count(key, window.millis(), limit, amount);
        } catch (StoreException e) {
            throw new PolicyViolation(key.clause(), "`" + target + "` cannot be counted against " + clause + ": "
                    + e.getMessage());
        }
        if (tally instanceof Tally.Damaged damaged) {
            throw new PolicyViolation(key.clause(), "the window of " + clause + " for `" + target + "`, recorded in `"
                    + damaged.file() + "`, is damaged (" + damaged.problem() + "), so calls are refused until "
                    + damaged.until() + ", one window after it was last written; deleting the file starts the"
                    + " window afresh");
        }
        return tally;
    }

    /** How far the windows reach, for messages: {@code , counted over the runs sharing the store `DIR`}. */
    private String sharing() {
        String by = windows.sharedBy();
        return by.isEmpty() ? "" : ", counted over " + by;
    }
}
