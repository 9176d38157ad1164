package dev.lumen.lir.errors;

/**
 * An argument a host passed to a cell that does not fit the parameter's type (or a wrong number of
 * arguments). Raised before the cell starts; it has no location in the document.
 */
public final class LumenArgumentError extends LumenException {
    private static final long serialVersionUID = 1L;

    public LumenArgumentError(String message) {
        super(Kind.ARGUMENT, message, null, null);
    }

    /** Arguments given as JSON that do not validate: {@code fieldErrors} is the Lumen list of their FieldErrors. */
    public LumenArgumentError(String message, Object fieldErrors) {
        super(Kind.ARGUMENT, message, null, null, fieldErrors);
    }
}
