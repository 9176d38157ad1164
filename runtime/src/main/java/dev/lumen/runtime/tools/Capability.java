package dev.lumen.runtime.tools;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.Window;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The grant clauses of Lumen v1 and the manifest capability each one needs. The front end checks grants
 * against these at compile time; the runtime enforces the same clauses when a tool runs.
 */
public enum Capability {
    DOMAIN("domain", "supports_domain_allowlist", ValueKind.STRING, true),
    PATH("path", "supports_path_allowlist", ValueKind.STRING, true),
    TIMEOUT_MS("timeout_ms", "supports_timeout_ms", ValueKind.INT, false),
    RATE_LIMIT("rate_limit", "supports_rate_limit", ValueKind.RATE, false),
    MAX_RESPONSE_BYTES("max_response_bytes", "supports_max_response_bytes", ValueKind.INT, false),
    MODEL("model", "supports_model_allowlist", ValueKind.STRING, true),
    MAX_TOKENS("max_tokens", "supports_max_tokens", ValueKind.INT, false),
    TEMPERATURE("temperature", "supports_temperature", ValueKind.FLOAT, false),
    TOKEN_BUDGET("token_budget", "supports_token_budget", ValueKind.BUDGET, false),
    REDACT("redact", "supports_redaction", ValueKind.STRING, true),
    STRUCTURED("structured", "supports_structured_output", ValueKind.BOOL, false);

    /** What a clause's value is written as. */
    public enum ValueKind {
        /** A string literal: {@code domain "api.example.com"}. */
        STRING("a string", "\"…\""),
        /** An integer literal: {@code timeout_ms 5000}. */
        INT("an integer", "5000"),
        /** A float literal: {@code temperature 0.0}. */
        FLOAT("a float", "0.0"),
        /** {@code true} or {@code false}: {@code structured false}. */
        BOOL("true or false", "false"),
        /** An integer and a unit: {@code rate_limit 10 per_minute}. */
        RATE("an integer and a unit (" + Window.listed() + ")", "10 per_minute"),
        /** An integer and an optional unit: {@code token_budget 50000}, {@code token_budget 200000 per_day}. */
        BUDGET("an integer and an optional unit (`" + Grants.Budget.PER_RUN + "`, the default, or "
                + Window.listed() + ")", "50000 per_day");

        private final String description;
        private final String example;

        ValueKind(String description, String example) {
            this.description = description;
            this.example = example;
        }

        public String description() {
            return description;
        }

        /** A value of this kind as it is written in a grant, for help text. */
        public String example() {
            return example;
        }
    }

    /** The units a {@link ValueKind#RATE} value accepts. */
    public static final List<String> RATE_UNITS = Window.words();
    /** The units a {@link ValueKind#BUDGET} value accepts. */
    public static final List<String> BUDGET_UNITS = Stream.concat(Stream.of(Grants.Budget.PER_RUN),
            Window.words().stream()).toList();

    private final String clause;
    private final String manifestKey;
    private final ValueKind valueKind;
    private final boolean repeatable;

    Capability(String clause, String manifestKey, ValueKind valueKind, boolean repeatable) {
        this.clause = clause;
        this.manifestKey = manifestKey;
        this.valueKind = valueKind;
        this.repeatable = repeatable;
    }

    /** The clause keyword in a `grant` line. */
    public String clause() {
        return clause;
    }

    /** The `capabilities` key of a tool manifest that enables this clause. */
    public String manifestKey() {
        return manifestKey;
    }

    public ValueKind valueKind() {
        return valueKind;
    }

    /** Whether several values accumulate (allowlists) rather than the clause being given once. */
    public boolean repeatable() {
        return repeatable;
    }

    public static Optional<Capability> byClause(String clause) {
        for (Capability c : values()) {
            if (c.clause.equals(clause)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<Capability> byManifestKey(String key) {
        for (Capability c : values()) {
            if (c.manifestKey.equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
