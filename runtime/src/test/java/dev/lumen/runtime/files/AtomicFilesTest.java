package dev.lumen.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeCreatesDirectoriesAndReplacesTheFileLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/entry.json");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    /** Readers racing many writers of one file always see one whole version, never a mix or a partial one. */
    @Test
    @Timeout(60)
    void concurrentWritersAndReadersOfOneFileSeeOnlyWholeVersions() throws Exception {
        Path target = dir.resolve("shared.json");
        int writers = 4;
        int size = 64 * 1024;
        AtomicFiles.write(target, version('a', size));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                char fill = (char) ('b' + w);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        AtomicFiles.write(target, version(fill, size));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (!stop.get()) {
                    byte[] seen = Files.readAllBytes(target);
                    assertEquals(size, seen.length);
                    for (byte b : seen) {
                        assertEquals(seen[0], b, "one version per read");
                    }
                    reads++;
                }
                return reads;
            });
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
            stop.set(true);
            assertTrue(reader.get(10, TimeUnit.SECONDS) > 0);
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary files remain");
        }
    }

    private static byte[] version(char fill, int size) {
        return String.valueOf(fill).repeat(size).getBytes(StandardCharsets.UTF_8);
    }
}
