package dev.lumen.runtime.store;

/**
 * A store operation that could not be done: an I/O failure writing a trace, blob or cache entry, a run that
 * does not exist, a blob that is missing or corrupt. The message is meant for the user as it is: it names
 * the file or run and the cause.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
