package dev.lumen.lir.errors;

/**
 * A runtime error detected by a helper that does not know where it runs (an intrinsic, a value operation,
 * an effect). The bytecode loop catches it and rethrows it as a {@link LumenRuntimeError} located at the
 * failing instruction. Cheap: no Java stack trace.
 */
public final class LumenFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final LumenException.Kind kind;
    private final Object fieldErrors;

    public LumenFailure(String message) {
        this(LumenException.Kind.RUNTIME, message);
    }

    public LumenFailure(LumenException.Kind kind, String message) {
        this(kind, message, null);
    }

    /** A failure with the field errors of a failed validation: a Lumen list of FieldError records. */
    public LumenFailure(LumenException.Kind kind, String message, Object fieldErrors) {
        super(message, null, false, false);
        this.kind = kind;
        this.fieldErrors = fieldErrors;
    }

    /** An effect this build cannot perform. */
    public static LumenFailure unavailable(String message) {
        return new LumenFailure(LumenException.Kind.UNAVAILABLE, message);
    }

    public LumenException.Kind kind() {
        return kind;
    }

    /** The FieldError records of a failed validation (a Lumen list), or null. */
    public Object fieldErrors() {
        return fieldErrors;
    }
}
