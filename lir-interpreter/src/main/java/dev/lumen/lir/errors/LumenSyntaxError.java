package dev.lumen.lir.errors;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * A document or module that cannot run: compile errors in a `.lm.md` document (the message is the rendered
 * diagnostics, as {@code lumen check} prints them) or a malformed `.lir.json` module. Hosts see a
 * {@code PolyglotException} with {@code isSyntaxError()}.
 */
@ExportLibrary(InteropLibrary.class)
public final class LumenSyntaxError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private final int errorCount;

    public LumenSyntaxError(String message, int errorCount) {
        super(message);
        this.errorCount = errorCount;
    }

    /** How many errors the message reports. */
    public int errorCount() {
        return errorCount;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.PARSE_ERROR;
    }

    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return false;
    }
}
