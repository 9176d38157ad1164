package dev.lumen.runtime.policy;

import dev.lumen.runtime.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The grant clauses one tool call runs under, as the LIR carries them (clause name → values; lir-v1.md §2.4):
 * what the runtime enforces, whatever the compiler checked. A clause that is absent grants nothing: no domain
 * clause means no host may be reached.
 */
public final class Grants {
    private final Map<String, List<Object>> clauses;
    private final String hash;

    private Grants(Map<String, List<Object>> clauses) {
        this.clauses = clauses;
        this.hash = CanonicalJson.sha256(CanonicalJson.write(clauses));
    }

    /** The grants of a tool call: clause name → values (Strings, Longs, Doubles; a rate is a count and a unit). */
    public static Grants of(Map<String, List<Object>> clauses) {
        return new Grants(new TreeMap<>(clauses));
    }

    /** The clauses, sorted by name. */
    public Map<String, List<Object>> clauses() {
        return clauses;
    }

    /** The policy hash: the SHA-256 of the clauses' canonical JSON (part of every cache key). */
    public String hash() {
        return hash;
    }

    /** The String values of a repeatable clause ({@code domain}, {@code path}, {@code model}, {@code redact}). */
    public List<String> strings(String clause) {
        return clauses.getOrDefault(clause, List.of()).stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** The value of an integer clause ({@code timeout_ms}, {@code max_response_bytes}, {@code max_tokens}, …). */
    public OptionalLong integer(String clause) {
        List<Object> values = clauses.get(clause);
        return values != null && !values.isEmpty() && values.getFirst() instanceof Number n
                ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    /** The value of a number clause ({@code temperature}); an integer is read as a number. */
    public OptionalDouble number(String clause) {
        List<Object> values = clauses.get(clause);
        return values != null && !values.isEmpty() && values.getFirst() instanceof Number n
                ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** The value of a boolean clause ({@code structured}); empty without the clause or with another value. */
    public Optional<Boolean> flag(String clause) {
        List<Object> values = clauses.get(clause);
        return values != null && !values.isEmpty() && values.getFirst() instanceof Boolean b
                ? Optional.of(b) : Optional.empty();
    }

    /**
     * {@code rate_limit N UNIT}: at most N calls in any window of the unit.
     *
     * @throws PolicyViolation (clause {@code rate_limit}) when the clause is there but is not a positive count
     *     and a unit, which the compiler refuses but hand-written LIR may hold: such a grant allows no call
     */
    public Optional<Rate> rate() {
        List<Object> values = clauses.get("rate_limit");
        if (values == null) {
            return Optional.empty();
        }
        Optional<Window> window = values.size() == 2 && values.get(1) instanceof String unit ? Window.byWord(unit)
                : Optional.empty();
        if (!(values.getFirst() instanceof Long n) || n <= 0 || window.isEmpty()) {
            throw new PolicyViolation("rate_limit", "the grant's rate_limit " + CanonicalJson.write(values)
                    + " is not a positive count and a unit (" + Window.listed() + ")");
        }
        return Optional.of(new Rate(n, window.get()));
    }

    /**
     * {@code token_budget N [UNIT]}: at most N tokens per run (no unit, or {@code per_run}), or in any window
     * of the unit.
     *
     * @throws PolicyViolation (clause {@code token_budget}) when the clause is there but is not a positive count
     *     with an optional unit: such a grant allows no call
     */
    public Optional<Budget> budget() {
        List<Object> values = clauses.get("token_budget");
        if (values == null) {
            return Optional.empty();
        }
        Object unit = values.size() == 2 ? values.get(1) : null;
        Optional<Window> window = unit instanceof String word ? Window.byWord(word) : Optional.empty();
        boolean perRun = values.size() == 1 || Budget.PER_RUN.equals(unit);
        if (!(values.getFirst() instanceof Long n) || n <= 0 || values.size() > 2 || (!perRun && window.isEmpty())) {
            throw new PolicyViolation("token_budget", "the grant's token_budget " + CanonicalJson.write(values)
                    + " is not a positive count with an optional unit (`" + Budget.PER_RUN + "`, " + Window.listed()
                    + ")");
        }
        return Optional.of(new Budget(n, window.orElse(null)));
    }

    /** A rate: at most {@code calls} calls in any {@code window}. */
    public record Rate(long calls, Window window) {
        @Override
        public String toString() {
            return calls + " " + window.word();
        }
    }

    /** A token budget: at most {@code tokens} per run ({@code window} null), or in any {@code window}. */
    public record Budget(long tokens, Window window) {
        /** The unit of a budget kept for one run, which is also what no unit means. */
        public static final String PER_RUN = "per_run";

        public boolean perRun() {
            return window == null;
        }

        @Override
        public String toString() {
            return tokens + (window == null ? "" : " " + window.word());
        }
    }

    @Override
    public String toString() {
        return CanonicalJson.write(clauses);
    }
}
