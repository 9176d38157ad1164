package dev.lumen.runtime.store.objects;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a store keeps its objects: named byte strings, each with a version that changes with every write. The
 * two operations that write are conditional, which is all that lets concurrent writers (threads, processes,
 * machines sharing a bucket) never overwrite each other's work: {@link #create} writes only a name nobody has
 * written, as content-addressed blobs and cache entries need, and {@link #replace} only over the version its
 * caller read, as the heads of traces and the windows of limits need.
 *
 * <p>Names are relative paths of {@code /}-separated segments, each of letters, digits, {@code - _ . : %}
 * (a tool id's directory is percent-encoded), none empty, none starting with a dot. Reads never see a write half done.
 */
public interface ObjectStore {
    /** The object named {@code name}, with its version; empty when there is none. */
    Optional<StoredObject> get(String name) throws IOException;

    /**
     * Writes {@code content} as {@code name} unless an object of that name exists (S3's {@code If-None-Match:
     * *}); whether it wrote.
     */
    boolean create(String name, byte[] content) throws IOException;

    /**
     * Writes {@code content} over {@code name} if its version is still {@code version} (S3's {@code If-Match});
     * whether it wrote. An object that is gone has no version, so replacing it fails.
     */
    boolean replace(String name, byte[] content, String version) throws IOException;

    /** The names that start with {@code prefix}, in lexicographic order. */
    List<String> list(String prefix) throws IOException;

    /**
     * Writes {@code content} as {@code name} over what a {@link #get} of it returned: {@link #create} when that
     * was nothing, else {@link #replace} of that version; whether it wrote.
     */
    default boolean writeOver(String name, Optional<StoredObject> read, byte[] content) throws IOException {
        return read.isEmpty() ? create(name, content) : replace(name, content, read.get().version());
    }

    /** Removes {@code name}; whether it was there. */
    boolean delete(String name) throws IOException;

    /** Where {@code name} is, for messages: a file's path, or an {@code s3://} address. */
    String where(String name);

    /** Where the objects are, for messages: the folder, or the bucket and prefix. */
    String where();

    /** Checks {@code name} and returns it. */
    static String checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("not an object name: `" + name + "`");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || !segment.chars().allMatch(ObjectStore::nameChar)) {
                throw new IllegalArgumentException("not an object name: `" + name + "`");
            }
        }
        return name;
    }

    private static boolean nameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                || c == '.' || c == ':' || c == '%';
    }
}
