package dev.lumen.runtime.tools;

/**
 * A tool call that did not produce an output: bad input the tool rejected, a crash, a timeout. The message
 * says what went wrong in the tool's terms; the caller adds which call it was.
 */
public final class ToolFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolFailure(String message) {
        super(message);
    }
}
