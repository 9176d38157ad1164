package dev.lumen.runtime.store;

import dev.lumen.runtime.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user's secret key, which seals what Lumen writes to a store (spec trace-v1.md §3.5, §6.2, §12): every
 * trace event, every run's signed head and every cache entry carries an HMAC-SHA256 of its content under this
 * key. The key lives outside the store ({@link KeyFile}), so someone who can write the store but not read the
 * key cannot forge or re-seal a record: a plain SHA-256 proves only that a record is intact, an HMAC that it
 * was written by the holder of the key.
 *
 * <p>A seal is {@code "hmac-sha256:"} and 64 lowercase hex digits. Each kind of record is sealed under its own
 * {@link Purpose}, so the seal of one kind of record is never valid for another. The key is named by its
 * {@link #id() id}, the first 16 hex digits of its SHA-256, which records carry so that a reader can tell
 * "sealed by another key" from "changed".
 */
public final class UserKey {
    /** The length of a key, in bytes. */
    public static final int LENGTH = 32;
    /** The prefix of every seal made with a key. */
    public static final String SEAL_PREFIX = "hmac-sha256:";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int ID_DIGITS = 16;

    /** What a seal is for: part of the sealed bytes, so a seal cannot be moved from one kind of record to another. */
    public enum Purpose {
        /** A trace event (its hash and unchained members). */
        EVENT("lumen-event"),
        /** A run's signed head. */
        HEAD("lumen-head"),
        /** A tool-cache entry. */
        CACHE_ENTRY("lumen-cache");

        private final byte[] tag;

        Purpose(String tag) {
            this.tag = (tag + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private final SecretKeySpec secret;
    private final String id;
    private final ThreadLocal<Mac> macs;

    private UserKey(byte[] bytes) {
        this.secret = new SecretKeySpec(bytes, ALGORITHM);
        this.id = CanonicalJson.sha256(bytes).substring(ContentHash.PREFIX.length(), ContentHash.PREFIX.length() + ID_DIGITS);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The key made of these {@value #LENGTH} bytes. */
    public static UserKey of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a key has " + LENGTH + " bytes, not " + bytes.length);
        }
        return new UserKey(bytes.clone());
    }

    /** The key's id: the first 16 hex digits of the SHA-256 of its bytes (which reveals nothing of the key). */
    public String id() {
        return id;
    }

    /** Whether {@code text} has the form of a key id. */
    public static boolean isId(String text) {
        return text != null && text.length() == ID_DIGITS && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The seal of {@code text} (canonical JSON) for {@code purpose}: {@code "hmac-sha256:<hex>"}. */
    public String seal(Purpose purpose, String text) {
        Mac mac = macs.get();
        mac.update(purpose.tag);
        byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        return SEAL_PREFIX + HexFormat.of().formatHex(digest);
    }

    /** Whether {@code seal} is this key's seal of {@code text} for {@code purpose} (compared in constant time). */
    public boolean sealed(Purpose purpose, String text, String seal) {
        return seal != null && MessageDigest.isEqual(seal(purpose, text).getBytes(StandardCharsets.US_ASCII),
                seal.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code text} has the form of a seal made with a key (whichever key). */
    public static boolean isSeal(String text) {
        if (text == null || text.length() != SEAL_PREFIX.length() + 64 || !text.startsWith(SEAL_PREFIX)) {
            return false;
        }
        return text.chars().skip(SEAL_PREFIX.length()).allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "key " + id;
    }
}
