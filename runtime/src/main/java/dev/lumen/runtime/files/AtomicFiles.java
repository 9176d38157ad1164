package dev.lumen.runtime.files;

import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole-file writes that readers never see half done: the content goes to a temporary file in the target's
 * directory, which is then renamed over the target (rename(2) is atomic within a file system). No fsync: a
 * power loss may lose the newest writes, never mix two of them.
 *
 * <p>Temporary names start with {@value #TEMP_PREFIX} and hold the process id, a counter and a random number,
 * so concurrent writers (threads or processes) never share one; the store's readers skip names starting with
 * a dot, so a temporary file left by a killed process is never taken for an entry.
 */
public final class AtomicFiles {
    /** Prefix of temporary files; readers of the store ignore them. */
    public static final String TEMP_PREFIX = ".tmp-";

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with {@code content}, atomically; creates missing directories. The
     * file is made with {@code attributes} (permissions, say), which it keeps once renamed.
     */
    public static void write(Path target, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path temp = writeTemp(target, content, attributes);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A temporary file beside {@code target} (its directories created) holding {@code content}, for the caller
     * to rename or link to the target, and to delete.
     */
    public static Path writeTemp(Path target, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path dir = Host.current().absolute(target).getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, target.getFileName().toString(), attributes);
        try {
            Files.write(temp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Whether {@code name} is a temporary file of this class (or any other dot file the store ignores). */
    public static boolean isHidden(String name) {
        return name.startsWith(".");
    }

    private static Path createTemp(Path dir, String targetName, FileAttribute<?>... attributes) throws IOException {
        while (true) {
            String name = TEMP_PREFIX + targetName + "-" + PID + "-" + COUNTER.incrementAndGet() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
            try {
                return Files.createFile(dir.resolve(name), attributes);
            } catch (FileAlreadyExistsException e) {
                // left by an earlier process with the same id: take another name
            }
        }
    }
}
