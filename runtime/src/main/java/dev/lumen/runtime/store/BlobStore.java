package dev.lumen.runtime.store;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.StoredObject;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed blobs: the object {@code blobs/sha256/<hex>} of a store holds bytes whose SHA-256 is
 * {@code hex}. Values too large to sit inline in a trace event or cache entry are kept here as their canonical
 * JSON text, so a blob's name is also the value's hash. A blob is created once ({@link ObjectStore#create}),
 * never overwritten while intact, and checked against its name whenever it is read.
 */
public final class BlobStore {
    /** The prefix of the blobs' object names. */
    public static final String PREFIX = "blobs/sha256/";
    /** Blobs this store wrote or found intact: a trace repeating a large value does not read it back each time. */
    private static final int MAX_KNOWN = 100_000;

    private final ObjectStore objects;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    BlobStore(ObjectStore objects) {
        this.objects = objects;
    }

    /** The outcome of {@link #check}. */
    public enum Status {
        OK, MISSING, CORRUPT
    }

    /** The object name of blob {@code hash}, relative to the store's directory (or bucket prefix). */
    public static String name(String hash) {
        return PREFIX + ContentHash.hex(hash);
    }

    /** Whether {@code name} is a blob's and {@code content} is what it names: bytes whose SHA-256 is in the name. */
    public static boolean intact(String name, byte[] content) {
        return name.startsWith(PREFIX) && name.substring(PREFIX.length()).equals(ContentHash.hex(CanonicalJson.sha256(content)));
    }

    /** Where the blob {@code hash} is (or would be), for messages. */
    public String where(String hash) {
        return objects.where(name(hash));
    }

    /** Stores {@code value}'s canonical text under its hash; returns the hash. */
    public String put(CanonicalValue value) {
        return put(value.hash(), value.utf8());
    }

    /** Stores {@code content}; returns its hash. */
    public String put(byte[] content) {
        return put(CanonicalJson.sha256(content), content);
    }

    private String put(String hash, byte[] content) {
        if (known.contains(hash)) {
            return hash;
        }
        String name = name(hash);
        // A blob that is already there is left alone when it is intact: content addressing makes every intact
        // copy identical. A damaged one is replaced, over the version that was read as damaged.
        try {
            Optional<StoredObject> there = objects.get(name);
            if (there.isEmpty() || !CanonicalJson.sha256(there.get().content()).equals(hash)) {
                objects.writeOver(name, there, content); // false: another writer got there first, with this content
            }
        } catch (IOException e) {
            throw new StoreException("cannot write the blob `" + where(hash) + "`: " + describe(e), e);
        }
        if (known.size() >= MAX_KNOWN) {
            known.clear();
        }
        known.add(hash);
        return hash;
    }

    /**
     * The content of blob {@code hash}, checked against its name.
     *
     * @throws StoreException if the blob is missing, unreadable, or its content does not have that hash
     */
    public byte[] read(String hash) {
        String name = name(hash);
        Optional<StoredObject> object;
        try {
            object = objects.get(name);
        } catch (IOException e) {
            known.remove(hash);
            throw new StoreException("cannot read the blob `" + where(hash) + "`: " + describe(e), e);
        }
        if (object.isEmpty()) {
            known.remove(hash);
            throw new StoreException("the blob " + hash + " is missing (no file `" + where(hash) + "`)");
        }
        byte[] content = object.get().content();
        String actual = CanonicalJson.sha256(content);
        if (!actual.equals(hash)) {
            known.remove(hash);
            throw new StoreException("the blob `" + where(hash) + "` is corrupt: its content hashes to " + actual);
        }
        return content;
    }

    /** The canonical value stored as blob {@code hash}. */
    public CanonicalValue readValue(String hash) {
        byte[] content = read(hash);
        try {
            return CanonicalValue.ofCanonicalText(content);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the blob `" + where(hash) + "` does not hold a canonical JSON value: " + e.getMessage(), e);
        }
    }

    /** Whether blob {@code hash} is present and intact (read from the store, whatever this object wrote before). */
    public Status check(String hash) {
        Status status;
        try {
            Optional<StoredObject> object = objects.get(name(hash));
            status = object.isEmpty() ? Status.MISSING
                    : CanonicalJson.sha256(object.get().content()).equals(hash) ? Status.OK : Status.CORRUPT;
        } catch (IOException e) {
            status = Status.CORRUPT;
        }
        if (status != Status.OK) {
            known.remove(hash); // the next put writes it again
        }
        return status;
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
