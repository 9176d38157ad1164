package dev.lumen.runtime.tools.llm;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.net.URI;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one {@code llm.chat} call asks the provider for, all of it decided by the grant (tools-llm.md §3): the
 * program passes only messages.
 *
 * @param model          the granted model, or LUMEN_MODEL's when the grant allows it
 * @param maxTokens      the grant's {@code max_tokens}, or {@link #DEFAULT_MAX_TOKENS}
 * @param temperature    the grant's {@code temperature} ceiling; empty leaves the provider's default
 * @param timeoutMs      the grant's {@code timeout_ms}, or {@link #DEFAULT_TIMEOUT_MS}
 * @param timeoutGranted whether {@code timeoutMs} is the grant's (then running out of time is a policy error)
 * @param structured     the grant's {@code structured}, true without the clause: whether an {@code expect schema}
 *                       call's schema is sent to the provider's structured-output mode (§4.3)
 */
record ChatSettings(String model, long maxTokens, OptionalDouble temperature, long timeoutMs, boolean timeoutGranted,
        boolean structured) {
    static final long DEFAULT_MAX_TOKENS = 1024;
    static final long DEFAULT_TIMEOUT_MS = 120_000;
    static final String MODEL_VARIABLE = "LUMEN_MODEL";

    /**
     * @throws PolicyViolation when no model is granted, a granted one can name no model, LUMEN_MODEL names
     *     another, or a limit is not positive
     */
    static ChatSettings from(Grants grants, Environment environment) {
        List<String> models = ModelAllowlist.of(grants.strings("model"));
        if (models.isEmpty()) {
            throw new PolicyViolation("model", "no model is granted: the grant needs a `model \"…\"` clause");
        }
        String model = environment.value(MODEL_VARIABLE).orElse(models.getFirst());
        if (!models.contains(model)) {
            throw new PolicyViolation("model", "model `" + model + "` (from " + MODEL_VARIABLE
                    + ") is not granted (model: " + String.join(", ", models) + ")");
        }
        OptionalDouble temperature = grants.number("temperature");
        if (temperature.isPresent()) {
            double t = temperature.getAsDouble();
            if (!(t >= 0 && Double.isFinite(t))) {
                throw new PolicyViolation("temperature", "temperature must be at least 0.0, it is " + t);
            }
        }
        return new ChatSettings(model, positive(grants, "max_tokens", DEFAULT_MAX_TOKENS), temperature,
                positive(grants, "timeout_ms", DEFAULT_TIMEOUT_MS), grants.integer("timeout_ms").isPresent(),
                grants.flag("structured").orElse(true));
    }

    /**
     * The error for a call that had no complete reply within {@link #timeoutMs}: a granted limit refuses it, the
     * default one (no grant was exceeded) fails it.
     */
    RuntimeException noReplyInTime(URI endpoint) {
        String late = "no reply from " + endpoint + " within " + timeoutMs + " ms";
        return timeoutGranted ? new PolicyViolation("timeout_ms", late + " (timeout_ms " + timeoutMs + ")")
                : new ToolFailure(late + " (the default limit; grant timeout_ms to change it)");
    }

    /** The compiler checks these too; the runtime does not rely on it (lumen-v1.md §12.10). */
    private static long positive(Grants grants, String clause, long fallback) {
        long value = grants.integer(clause).orElse(fallback);
        if (value <= 0) {
            throw new PolicyViolation(clause, clause + " must be greater than 0, it is " + value);
        }
        return value;
    }
}
