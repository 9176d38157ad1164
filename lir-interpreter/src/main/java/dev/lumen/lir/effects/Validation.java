package dev.lumen.lir.effects;

import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.interpreter.LumenProgram;
import dev.lumen.lir.values.LumenType;

/** Schema validation as the effects see it: the outcome of validating a value, before it is traced. */
public interface Validation {

    /** Validates {@code input} (JSON text or a Json tree) against {@code schema}. */
    Outcome validate(LumenType schema, Object input, LumenProgram program);

    /**
     * What validation found: the validated value, or the ValidationError record.
     *
     * @param valid whether the input validated
     * @param value the value of the schema's type, when valid
     * @param error the ValidationError record, when not
     * @param soft  {@code ok(value)} or {@code err(error)}: what {@code validate(…)} returns
     * @param halt  what stops the program in {@code expect schema} when not valid
     */
    record Outcome(boolean valid, Object value, Object error, Object soft, LumenFailure halt) {

        /** {@code expect schema}: the value, or the halt. */
        public Object strict() {
            if (!valid) {
                throw halt;
            }
            return value;
        }
    }
}
