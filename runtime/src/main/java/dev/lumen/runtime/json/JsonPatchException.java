package dev.lumen.runtime.json;

/**
 * A JSON Patch that does not apply: which operation failed (its position in the patch list, its op and path)
 * and why. The message reads {@code patches[1] (remove "/items/3"): "/items/3" does not exist: the list at
 * "/items" has 2 elements}.
 */
public final class JsonPatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String op;
    private final String path;
    private final String reason;

    public JsonPatchException(int index, PatchOperation operation, String reason) {
        super("patches[" + index + "] (" + operation.describe() + "): " + reason, null, false, false);
        this.index = index;
        this.op = operation.op();
        this.path = operation.path();
        this.reason = reason;
    }

    /** The position of the failing operation in the patch list, from 0. */
    public int index() {
        return index;
    }

    public String op() {
        return op;
    }

    public String path() {
        return path;
    }

    /** Why the operation does not apply, without the operation's position. */
    public String reason() {
        return reason;
    }
}
