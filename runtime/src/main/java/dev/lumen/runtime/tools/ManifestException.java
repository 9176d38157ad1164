package dev.lumen.runtime.tools;

/** A tool manifest that is not valid JSON or does not have the manifest's shape. */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
