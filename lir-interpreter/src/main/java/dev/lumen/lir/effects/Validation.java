package dev.lumen.lir.effects;

import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.interpreter.LumenProgram;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenResult;
import dev.lumen.lir.values.LumenType;

/** Schema validation as the effects see it: the outcome of validating a value, before it is traced. */
public interface Validation {

    /** Validates {@code input} (JSON text or a Json tree) against {@code schema}. */
    Outcome validate(LumenType schema, Object input, LumenProgram program);

    /**
     * What validation found: the validated value, or the ValidationError record and its message.
     *
     * @param valid   whether the input validated
     * @param value   the value of the schema's type, when valid
     * @param error   the ValidationError record, when not
     * @param message the ValidationError's message, when not
     */
    record Outcome(boolean valid, Object value, Object error, String message) {

        /** What the trace records: the value, or the ValidationError. */
        public Object recorded() {
            return valid ? value : error;
        }

        /** {@code validate(…)}: {@code ok(value)} or {@code err(error)}. */
        public Object soft() {
            return new LumenResult(valid, recorded());
        }

        /** {@code expect schema}: the value, or a halt with the ValidationError's message and field errors. */
        public Object strict() {
            if (!valid) {
                LumenRecord record = (LumenRecord) error;
                throw new LumenFailure(LumenException.Kind.HALT, message, record.get(record.type().indexOf("errors")));
            }
            return value;
        }
    }
}
