package dev.lumen.runtime.store.objects;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A shared object store with a folder in front of it (trace-v1.md §7.5): objects that never change once written
 * and that can be checked against their names — content-addressed blobs — are read from the folder first, and
 * kept there whenever they are read from or written to the shared store. Everything else (entries that may be
 * replaced, windows of limits, heads, listings) goes to the shared store each time. A copy in the folder that
 * fails its check is removed and read again from the shared store: the folder can lose or damage nothing the
 * shared store has, and it may be deleted at any time.
 */
public final class ReadThroughObjects implements ObjectStore {
    private final FolderObjects near;
    private final ObjectStore far;
    private final BiPredicate<String, byte[]> intact;

    /**
     * @param intact whether an object may be kept near: its name is one of a never-changing object, and {@code
     *               content} is what that name stands for
     */
    public ReadThroughObjects(FolderObjects near, ObjectStore far, BiPredicate<String, byte[]> intact) {
        this.near = near;
        this.far = far;
        this.intact = intact;
    }

    /** The folder in front. */
    public FolderObjects near() {
        return near;
    }

    @Override
    public Optional<StoredObject> get(String name) throws IOException {
        Optional<StoredObject> copy = nearCopy(name);
        if (copy.isPresent()) {
            return copy;
        }
        Optional<StoredObject> object = far.get(name);
        if (object.isPresent()) {
            keep(name, object.get().content());
        }
        return object;
    }

    private Optional<StoredObject> nearCopy(String name) {
        try {
            Optional<StoredObject> copy = near.get(name);
            if (copy.isPresent() && !intact.test(name, copy.get().content())) {
                near.delete(name);
                return Optional.empty();
            }
            return copy;
        } catch (IOException e) {
            return Optional.empty(); // the folder is only a copy: the shared store answers
        }
    }

    /** Keeps a copy of {@code content} near, if it may be kept; a folder that cannot take it loses nothing. */
    private void keep(String name, byte[] content) {
        if (intact.test(name, content)) {
            try {
                near.create(name, content);
            } catch (IOException e) {
                // the next read goes to the shared store again
            }
        }
    }

    @Override
    public boolean create(String name, byte[] content) throws IOException {
        boolean created = far.create(name, content);
        keep(name, content);
        return created;
    }

    @Override
    public boolean replace(String name, byte[] content, String version) throws IOException {
        boolean replaced = far.replace(name, content, version);
        if (replaced) {
            near.delete(name);
            keep(name, content);
        }
        return replaced;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return far.list(prefix);
    }

    @Override
    public boolean delete(String name) throws IOException {
        near.delete(name);
        return far.delete(name);
    }

    @Override
    public String where(String name) {
        return far.where(name);
    }

    @Override
    public String where() {
        return far.where();
    }
}
