package dev.lumen.runtime.store;

import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed blobs: {@code blobs/sha256/<hex>} holds bytes whose SHA-256 is {@code hex}. Values too
 * large to sit inline in a trace event or cache entry are kept here as their canonical JSON text, so a blob's
 * name is also the value's hash. Writes are atomic and idempotent; reads check the content against the name.
 */
public final class BlobStore {
    /** Blobs this store wrote or found intact: a trace repeating a large value does not read it back each time. */
    private static final int MAX_KNOWN = 100_000;

    private final Path dir;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    BlobStore(Path dir) {
        this.dir = dir;
    }

    /** The outcome of {@link #check}. */
    public enum Status {
        OK, MISSING, CORRUPT
    }

    /** The directory of the blobs. */
    public Path dir() {
        return dir;
    }

    /** Where the blob {@code hash} is (or would be) stored. */
    public Path path(String hash) {
        return dir.resolve(ContentHash.hex(hash));
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
        Path file = path(hash);
        // A blob that is already there is left alone when it is intact: content addressing makes every
        // intact copy identical. A damaged one is replaced.
        if (check(hash) != Status.OK) {
            try {
                AtomicFiles.write(file, content);
            } catch (IOException e) {
                throw new StoreException("cannot write the blob `" + file + "`: " + describe(e), e);
            }
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
        Path file = path(hash);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            known.remove(hash);
            throw new StoreException("the blob " + hash + " is missing (no file `" + file + "`)", e);
        } catch (IOException e) {
            known.remove(hash);
            throw new StoreException("cannot read the blob `" + file + "`: " + describe(e), e);
        }
        String actual = CanonicalJson.sha256(content);
        if (!actual.equals(hash)) {
            known.remove(hash);
            throw new StoreException("the blob `" + file + "` is corrupt: its content hashes to " + actual);
        }
        return content;
    }

    /** The canonical value stored as blob {@code hash}. */
    public CanonicalValue readValue(String hash) {
        byte[] content = read(hash);
        try {
            return CanonicalValue.ofCanonicalText(content);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the blob `" + path(hash) + "` does not hold a canonical JSON value: " + e.getMessage(), e);
        }
    }

    /** Whether blob {@code hash} is present and intact (read from disk, whatever this store wrote before). */
    public Status check(String hash) {
        Path file = path(hash);
        Status status;
        try {
            byte[] content = Files.readAllBytes(file);
            status = CanonicalJson.sha256(content).equals(hash) ? Status.OK : Status.CORRUPT;
        } catch (NoSuchFileException e) {
            status = Status.MISSING;
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
