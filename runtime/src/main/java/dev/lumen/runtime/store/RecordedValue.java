package dev.lumen.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.json.CanonicalValue;
import java.util.Optional;

/**
 * A value as trace events and cache entries record it under a name N (spec trace-v1.md §2): {@code N_hash}
 * always; the value itself as member {@code N} when its canonical JSON is at most {@value #INLINE_LIMIT}
 * bytes; otherwise {@code N_preview} (its first {@value #PREVIEW_BYTES} bytes) and {@code N_size} (its length
 * in bytes), the value being the blob named by its hash.
 *
 * @param hash    the value's hash
 * @param inline  the value, when held inline (a JSON null is a {@code NullNode}); null when in a blob
 * @param preview the start of the value's canonical JSON (all of it when inline)
 * @param size    the length of the value's canonical JSON in UTF-8 bytes
 */
public record RecordedValue(String hash, JsonNode inline, String preview, long size) {
    /** Largest canonical JSON, in UTF-8 bytes, held inline. */
    public static final int INLINE_LIMIT = 1024;
    /** Length of the preview kept of a value held in a blob, in UTF-8 bytes at most. */
    public static final int PREVIEW_BYTES = 128;

    /** What {@link #check} finds. */
    public enum Check {
        /** The value is consistent with its hash. */
        OK,
        /** The inline value does not have the recorded hash. */
        HASH_MISMATCH,
        /** The blob holding the value is missing. */
        MISSING_BLOB,
        /** The blob holding the value does not have the recorded hash (or cannot be read). */
        CORRUPT_BLOB,
        /** The recorded size or preview does not match the blob. */
        INCONSISTENT
    }

    public boolean isInline() {
        return inline != null;
    }

    /**
     * Records {@code value} under {@code name} in {@code target}, writing it to {@code blobs} first when it is
     * too large to sit inline (so a record never names a blob that is not there yet).
     */
    public static void record(CanonicalObject target, String name, CanonicalValue value, BlobStore blobs) {
        target.put(name + "_hash", value.hash());
        if (value.size() <= INLINE_LIMIT) {
            target.putCanonical(name, value.text());
        } else {
            blobs.put(value);
            target.put(name + "_preview", value.preview(PREVIEW_BYTES));
            target.put(name + "_size", value.size());
        }
    }

    /**
     * The value recorded under {@code name} in the object {@code record}, or empty if there is none.
     *
     * @throws IllegalArgumentException describing a malformed record (bad hash, neither the value nor its
     *                                  preview and size)
     */
    public static Optional<RecordedValue> read(JsonNode record, String name) {
        JsonNode hash = record.get(name + "_hash");
        if (hash == null) {
            if (record.has(name) || record.has(name + "_preview") || record.has(name + "_size")) {
                throw new IllegalArgumentException("`" + name + "` is recorded without `" + name + "_hash`");
            }
            return Optional.empty();
        }
        if (!hash.isTextual() || !ContentHash.isValid(hash.textValue())) {
            throw new IllegalArgumentException("`" + name + "_hash` is not a sha256 hash");
        }
        JsonNode inline = record.get(name);
        JsonNode preview = record.get(name + "_preview");
        JsonNode size = record.get(name + "_size");
        if (inline != null) {
            if (preview != null || size != null) {
                throw new IllegalArgumentException("`" + name + "` is recorded both inline and in a blob");
            }
            String text = CanonicalJson.write(inline);
            return Optional.of(new RecordedValue(hash.textValue(), inline, text,
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        if (preview == null || !preview.isTextual() || size == null || !size.canConvertToLong() || !size.isIntegralNumber()) {
            throw new IllegalArgumentException("`" + name + "` has neither its value nor its preview and size");
        }
        return Optional.of(new RecordedValue(hash.textValue(), null, preview.textValue(), size.longValue()));
    }

    /** Whether the value is intact: an inline value has its hash; a blob is present, intact and as described. */
    public Check check(BlobStore blobs) {
        if (isInline()) {
            // An inline value's preview is its whole canonical text (see read).
            return CanonicalJson.sha256(preview).equals(hash) ? Check.OK : Check.HASH_MISMATCH;
        }
        switch (blobs.check(hash)) {
            case MISSING:
                return Check.MISSING_BLOB;
            case CORRUPT:
                return Check.CORRUPT_BLOB;
            default:
                break;
        }
        byte[] content;
        try {
            content = blobs.read(hash);
        } catch (StoreException e) {
            return Check.CORRUPT_BLOB; // replaced or damaged since the check above
        }
        boolean asDescribed = content.length == size && CanonicalValue.preview(content, PREVIEW_BYTES).equals(preview);
        return asDescribed ? Check.OK : Check.INCONSISTENT;
    }

    /**
     * The whole value: the inline one, or the blob's.
     *
     * @throws StoreException if the blob is missing or corrupt
     */
    public CanonicalValue resolve(BlobStore blobs) {
        return isInline() ? CanonicalValue.of(inline) : blobs.readValue(hash);
    }
}
