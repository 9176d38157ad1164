package dev.lumen.runtime.store;

import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the user's key is kept, and how it is made (spec trace-v1.md §12.1): a file of {@value
 * UserKey#LENGTH} random bytes that only its owner can read, outside every store —
 * {@code $LUMEN_KEY_FILE} if set, else {@code $XDG_CONFIG_HOME/lumen/key}, else {@code ~/.config/lumen/key}.
 * It is created on first use (mode 0600, in a directory created 0700). A key file that others can read or
 * write, that cannot be read, or that is not exactly {@value UserKey#LENGTH} bytes is an error, never
 * replaced: replacing it would make every record sealed with it unverifiable.
 */
public final class KeyFile {
    /** The environment variable naming the key file (for tests, CI, and users who keep it elsewhere). */
    public static final String VARIABLE = "LUMEN_KEY_FILE";
    /** The environment variable naming the key file of the stores in buckets that a team shares. */
    public static final String SHARED_VARIABLE = "LUMEN_STORE_KEY_FILE";
    private static final Set<PosixFilePermission> PRIVATE_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private KeyFile() {
    }

    /** The key file for this environment (which may not exist yet). */
    public static Path locate(Map<String, String> env, Path home) {
        String named = env.get(VARIABLE);
        if (named != null && !named.isEmpty()) {
            return Host.current().resolve(named);
        }
        String config = env.get("XDG_CONFIG_HOME");
        // The XDG base directory specification ignores a relative XDG_CONFIG_HOME.
        Path base = config != null && !config.isEmpty() && Path.of(config).isAbsolute() ? Path.of(config) : home.resolve(".config");
        return base.resolve("lumen").resolve("key");
    }

    /**
     * The key that seals a store in a bucket (trace-v1.md §12.6): the one in {@code $LUMEN_STORE_KEY_FILE}, which
     * everyone sharing the bucket holds (made there on first use, like the user's), else the user's own.
     */
    public static UserKey forSharedStore() {
        Host host = Host.current();
        String shared = host.environment().get(SHARED_VARIABLE);
        return shared != null && !shared.isEmpty() ? load(host.resolve(shared)) : forUser();
    }

    /** The key of the user Lumen runs for: {@link #load} of {@link #locate} for the {@link Host}'s environment. */
    public static UserKey forUser() {
        Host host = Host.current();
        return load(locate(host.environment(), host.home()));
    }

    /**
     * The key in {@code file}, made there first if there is none.
     *
     * @throws StoreException naming the file and what is wrong with it
     */
    public static UserKey load(Path file) {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return create(file);
        }
    }

    private static UserKey read(Path file) throws NoSuchFileException {
        try {
            if (!Files.isRegularFile(file)) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new NoSuchFileException(file.toString());
                }
                throw problem(file, "it is not a regular file");
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (!PRIVATE_FILE.containsAll(permissions)) {
                    throw problem(file, "its permissions are " + PosixFilePermissions.toString(permissions)
                            + ": a key must be readable and writable by you alone (run `chmod 600 " + file + "`)");
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != UserKey.LENGTH) {
                throw problem(file, "it has " + bytes.length + " bytes, not " + UserKey.LENGTH + ", so it is not a Lumen key"
                        + " (if you remove it, a new key is made, and what the old one sealed no longer verifies)");
            }
            return UserKey.of(bytes);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw problem(file, "it cannot be read (permission denied)");
        } catch (IOException e) {
            throw problem(file, "it cannot be read: " + BlobStore.describe(e));
        }
    }

    /**
     * Makes a new key in {@code file}: written whole to a private temporary file, then linked to its name,
     * which fails if another process made the key first (that key is then used).
     */
    private static UserKey create(Path file) {
        byte[] bytes = new byte[UserKey.LENGTH];
        new SecureRandom().nextBytes(bytes);
        Path dir = Host.current().absolute(file).getParent();
        Path temp = dir.resolve(AtomicFiles.TEMP_PREFIX + file.getFileName() + "-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            } else {
                Files.createDirectories(dir);
                Files.createFile(temp);
            }
            Files.write(temp, bytes);
            link(temp, file);
        } catch (IOException e) {
            throw problem(file, "it cannot be created: " + BlobStore.describe(e));
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temporary file is never read as a key
            }
        }
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "it disappeared as it was created");
        }
    }

    /** Gives {@code temp} the name {@code file}, unless {@code file} exists (another process made the key first). */
    private static void link(Path temp, Path file) throws IOException {
        try {
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.move(temp, file); // no hard links here: a move that fails if the file exists
            }
        } catch (FileAlreadyExistsException e) {
            // the other process's key is used
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    private static StoreException problem(Path file, String what) {
        return new StoreException("the key file `" + file + "` cannot be used: " + what);
    }
}
