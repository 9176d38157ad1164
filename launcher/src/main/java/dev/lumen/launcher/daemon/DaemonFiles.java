package dev.lumen.launcher.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where a user's daemon lives (docs/spec/daemon.md §2): a directory only the user can enter —
 * {@code $LUMEN_RUNTIME_DIR}, else {@code $XDG_RUNTIME_DIR/lumen}, else {@code /tmp/lumen-UID} — holding, per
 * Lumen installation, its socket, the lock taken to start it and its log.
 *
 * @param socket the Unix socket the daemon listens on (mode 0600)
 * @param lock the file a client locks while it starts a daemon, so that two clients start one
 * @param log what the daemon's JVM writes (it has no terminal)
 */
record DaemonFiles(Path directory, Path socket, Path lock, Path log) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * The files of the daemon of the installation whose launcher jar is {@code jar} (an absolute path: the
     * client's code source), for a user with {@code env}.
     */
    static DaemonFiles of(Path jar, Map<String, String> env) throws IOException {
        Path directory = directory(env);
        String name = "daemon-" + digest(jar.toRealPath().toString()); // as the native client names it
        return new DaemonFiles(directory, directory.resolve(name + ".sock"), directory.resolve(name + ".lock"),
                directory.resolve(name + ".log"));
    }

    private static Path directory(Map<String, String> env) throws IOException {
        String named = env.get("LUMEN_RUNTIME_DIR");
        if (named != null && !named.isEmpty()) {
            return ownedDirectory(Path.of(named));
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            return ownedDirectory(Path.of(runtime, "lumen"));
        }
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return ownedDirectory(Path.of("/tmp", "lumen-" + uid)); // as the native client finds it
    }

    /**
     * {@code dir}, made if missing, once it is known to be the user's alone: a socket in a directory another user
     * can write to could be replaced by theirs, and would then be sent this user's environment.
     */
    private static Path ownedDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // checked below
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !owner.equals(self)) {
            throw new IOException(dir + " is not a directory of this user's");
        }
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }

    /**
     * A short name for {@code text}, one daemon per installation whatever its path's length: 64-bit FNV-1a, as a
     * name needs no cryptographic hash (and loading one's providers would cost every client ~20 ms).
     */
    private static String digest(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return Long.toHexString(hash);
    }
}
