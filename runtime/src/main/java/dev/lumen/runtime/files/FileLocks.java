package dev.lumen.runtime.files;

import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Work done while holding a lock file, excluding every other thread of this process and every other process
 * that locks the same file. The in-process lock comes first: a file lock is held by the whole process, and a
 * second thread asking for it would get an {@code OverlappingFileLockException} instead of waiting.
 */
public final class FileLocks {
    /** How long another process may hold a lock before waiting for it fails. */
    private static final long WAIT_MILLIS = 10_000;
    /** The in-process locks, by lock file, shared by everything in this process. */
    private static final Map<Path, ReentrantLock> HELD_HERE = new ConcurrentHashMap<>();

    /** What runs under a lock. */
    @FunctionalInterface
    public interface Locked<T> {
        T run() throws IOException;
    }

    private FileLocks() {
    }

    /** Runs {@code work} holding {@code lockFile} (created, with its directory, when missing); its result. */
    public static <T> T holding(Path lockFile, Locked<T> work) throws IOException {
        Path file = Host.current().absolute(lockFile).normalize();
        ReentrantLock here = HELD_HERE.computeIfAbsent(file, f -> new ReentrantLock());
        here.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = acquire(channel, file)) {
                return work.run();
            }
        } finally {
            here.unlock();
        }
    }

    /** The file lock, waiting at most {@link #WAIT_MILLIS} for another process to release it. */
    private static FileLock acquire(FileChannel channel, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("another process has held `" + lockFile + "` for more than "
                        + WAIT_MILLIS / 1000 + " s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for `" + lockFile + "`");
            }
        }
    }
}
