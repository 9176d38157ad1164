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

    /** {@code rate_limit N per_second|per_minute}. */
    public Optional<Rate> rate() {
        List<Object> values = clauses.get("rate_limit");
        if (values == null || values.size() < 2 || !(values.get(0) instanceof Number n) || !(values.get(1) instanceof String unit)) {
            return Optional.empty();
        }
        return Optional.of(new Rate(n.longValue(), unit.equals("per_second") ? 1_000 : 60_000, unit));
    }

    /** A rate: at most {@code calls} calls in any window of {@code windowMillis}. */
    public record Rate(long calls, long windowMillis, String unit) {
        @Override
        public String toString() {
            return calls + " " + unit;
        }
    }

    @Override
    public String toString() {
        return CanonicalJson.write(clauses);
    }
}
