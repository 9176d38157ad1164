package dev.lumen.runtime.store.objects;

import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.files.FileLocks;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a folder, an object's name its path. A version is the SHA-256 of the content. A create
 * writes a temporary file and links it to its name, which link(2) does only if the name is free; a replace
 * compares and writes holding the object's lock file (under {@code .locks/}, which listings skip, as they skip
 * every name that starts with a dot), and renames the new content over the old.
 */
public final class FolderObjects implements ObjectStore {
    /** The directory of the lock files, at the root. */
    private static final String LOCKS = ".locks";
    private final Path root;

    public FolderObjects(Path root) {
        this.root = Host.current().absolute(root).normalize();
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** The file of {@code name}. */
    public Path path(String name) {
        return root.resolve(ObjectStore.checkName(name));
    }

    @Override
    public Optional<StoredObject> get(String name) throws IOException {
        try {
            byte[] content = Files.readAllBytes(path(name));
            return Optional.of(new StoredObject(content, version(content)));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean create(String name, byte[] content) throws IOException {
        Path file = path(name);
        Path temp = AtomicFiles.writeTemp(file, content);
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean replace(String name, byte[] content, String version) throws IOException {
        Path file = path(name);
        return FileLocks.holding(lockFile(name), () -> {
            Optional<StoredObject> now = get(name);
            if (now.isEmpty() || !now.get().version().equals(version)) {
                return false;
            }
            AtomicFiles.write(file, content);
            return true;
        });
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : root.resolve(ObjectStore.checkName(prefix.substring(0, slash)));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (name.startsWith(prefix) && isObjectName(name)) {
                    names.add(name);
                }
            });
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    /**
     * Removes the file, and its directory when that is left empty. Without the lock: a replace racing with a
     * delete may leave its new content, as if it had come just after.
     */
    @Override
    public boolean delete(String name) throws IOException {
        Path file = path(name);
        boolean deleted = Files.deleteIfExists(file);
        try {
            if (deleted && !file.getParent().equals(root)) {
                Files.deleteIfExists(file.getParent());
            }
        } catch (DirectoryNotEmptyException e) {
            // other objects, or lock files, are there
        }
        return deleted;
    }

    @Override
    public String where(String name) {
        return path(name).toString();
    }

    @Override
    public String where() {
        return root.toString();
    }

    /** The lock file of an object: {@code .locks/<sha256 of its name>}, out of every listing. */
    private Path lockFile(String name) {
        return root.resolve(LOCKS).resolve(CanonicalJson.sha256(name).substring("sha256:".length()));
    }

    private static boolean isObjectName(String name) {
        for (String segment : name.split("/")) {
            if (AtomicFiles.isHidden(segment)) {
                return false;
            }
        }
        return true;
    }

    /** The version of {@code content}: its SHA-256, as every copy of the same content has the same. */
    static String version(byte[] content) {
        return CanonicalJson.sha256(content);
    }
}
