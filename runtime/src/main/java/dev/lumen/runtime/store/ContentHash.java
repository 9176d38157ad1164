package dev.lumen.runtime.store;

/**
 * Content hashes as the store writes them: {@code "sha256:"} and 64 lowercase hex digits. Hashes read from
 * traces and cache entries name files, so they are checked against this form before any path is built.
 */
public final class ContentHash {
    public static final String PREFIX = "sha256:";

    private ContentHash() {
    }

    /** Whether {@code text} is a well-formed hash. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != PREFIX.length() + 64 || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The 64 hex digits of a well-formed hash. */
    public static String hex(String hash) {
        if (!isValid(hash)) {
            throw new IllegalArgumentException("not a sha256 hash: " + hash);
        }
        return hash.substring(PREFIX.length());
    }

    /** The first 12 hex digits, for people: enough to tell values apart at a glance. */
    public static String brief(String hash) {
        if (hash == null) {
            return "-";
        }
        String hex = hash.startsWith(PREFIX) ? hash.substring(PREFIX.length()) : hash;
        return hex.length() <= 12 ? hex : hex.substring(0, 12);
    }
}
