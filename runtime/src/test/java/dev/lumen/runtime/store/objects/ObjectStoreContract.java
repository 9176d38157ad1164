package dev.lumen.runtime.store.objects;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} does, whatever keeps the objects: each implementation's test extends this with
 * a fresh, empty store.
 */
abstract class ObjectStoreContract {
    /** A fresh store with nothing in it. */
    abstract ObjectStore store() throws Exception;

    /** How a writer process reaches the last {@link #store()}: the STORE argument of {@link CountingWriter}. */
    abstract String address();

    /** The environment a writer process needs to reach it. */
    abstract Map<String, String> processEnv();

    private static byte[] text(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void aMissingObjectIsEmpty() throws Exception {
        ObjectStore store = store();
        assertEquals(Optional.empty(), store.get("blobs/none"));
        assertEquals(List.of(), store.list("blobs/"));
        assertFalse(store.delete("blobs/none"));
    }

    @Test
    void createWritesANameOnce() throws Exception {
        ObjectStore store = store();
        assertTrue(store.create("blobs/a", text("first")));
        assertFalse(store.create("blobs/a", text("second")), "a second create of one name must fail");
        assertArrayEquals(text("first"), store.get("blobs/a").orElseThrow().content());
    }

    @Test
    void replaceWritesOnlyOverTheVersionItRead() throws Exception {
        ObjectStore store = store();
        assertTrue(store.create("heads/run", text("1")));
        String first = store.get("heads/run").orElseThrow().version();
        assertTrue(store.replace("heads/run", text("2"), first));
        StoredObject second = store.get("heads/run").orElseThrow();
        assertArrayEquals(text("2"), second.content());
        assertNotEquals(first, second.version());
        assertFalse(store.replace("heads/run", text("3"), first), "a stale version must not win");
        assertArrayEquals(text("2"), store.get("heads/run").orElseThrow().content());
        assertFalse(store.replace("heads/gone", text("x"), first), "nothing to replace");
        assertEquals(Optional.empty(), store.get("heads/gone"));
    }

    @Test
    void writeOverWritesOnlyOverWhatWasRead() throws Exception {
        ObjectStore store = store();
        Optional<StoredObject> nothing = store.get("heads/w");
        assertTrue(store.writeOver("heads/w", nothing, text("1")));
        assertFalse(store.writeOver("heads/w", nothing, text("2")), "written since nothing was read");
        Optional<StoredObject> one = store.get("heads/w");
        assertTrue(store.writeOver("heads/w", one, text("3")));
        assertFalse(store.writeOver("heads/w", one, text("4")), "written since the version was read");
        assertArrayEquals(text("3"), store.get("heads/w").orElseThrow().content());
        assertTrue(store.where("heads/w").startsWith(store.where() + "/"), store.where("heads/w"));
    }

    @Test
    void listNamesWhatStartsWithThePrefixInOrder() throws Exception {
        ObjectStore store = store();
        for (String name : List.of("trace/r2/0002", "trace/r1/0001", "trace/r1/0000", "cache/t/k", "trace-x")) {
            assertTrue(store.create(name, text(name)));
        }
        assertEquals(List.of("trace/r1/0000", "trace/r1/0001", "trace/r2/0002"), store.list("trace/"));
        assertEquals(List.of("trace/r1/0000", "trace/r1/0001"), store.list("trace/r1/"));
        assertEquals(List.of("trace-x", "trace/r1/0000", "trace/r1/0001", "trace/r2/0002"), store.list("trace"));
        assertTrue(store.delete("trace/r1/0000"));
        assertEquals(List.of("trace/r1/0001"), store.list("trace/r1/"));
    }

    @Test
    void namesThatCouldEscapeOrHideAreRefused() throws Exception {
        ObjectStore store = store();
        for (String bad : List.of("", "/abs", "a//b", "../up", "a/../b", ".hidden", "a/.tmp-x", "dir/", "sp ace")) {
            assertThrows(IllegalArgumentException.class, () -> store.create(bad, text("x")), bad);
        }
    }

    /** Of many writers creating one name at once, exactly one wins, and its content is what stays. */
    @Test
    void concurrentCreatesHaveOneWinner() throws Exception {
        ObjectStore store = store();
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] content = text("writer " + i);
            writers.add(() -> store.create("blobs/contended", content));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int wins = 0;
            for (Future<Boolean> f : pool.invokeAll(writers)) {
                wins += f.get() ? 1 : 0;
            }
            assertEquals(1, wins);
            assertTrue(new String(store.get("blobs/contended").orElseThrow().content(), UTF_8).startsWith("writer "));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Read-modify-replace loops from many threads lose no update: the counter ends at the number of increments. */
    @Test
    void concurrentReplacesLoseNoUpdate() throws Exception {
        ObjectStore store = store();
        assertTrue(store.create("limits/counter", text("0")));
        int threads = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> incrementers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                incrementers.add(() -> {
                    for (int i = 0; i < each; i++) {
                        CountingWriter.increment(store, "limits/counter");
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(incrementers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * each),
                new String(store.get("limits/counter").orElseThrow().content(), UTF_8));
    }

    /** The same from 8 JVMs at once, as 8 machines sharing a bucket (or processes sharing a folder) would. */
    @Test
    void writersInEightProcessesLoseNoUpdate() throws Exception {
        ObjectStore store = store();
        assertTrue(store.create("limits/shared", text("0")));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path log = Files.createTempFile("lumen-writer", ".log");
            logs.add(log);
            ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), CountingWriter.class.getName(), address(), "limits/shared",
                    "5").redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(processEnv());
            writers.add(builder.start());
        }
        try {
            for (int i = 0; i < writers.size(); i++) {
                Process writer = writers.get(i);
                assertTrue(writer.waitFor(2, TimeUnit.MINUTES), "a writer process did not finish");
                String output = Files.readString(logs.get(i));
                assertEquals(0, writer.exitValue(), () -> "a writer process failed:\n" + output);
            }
        } finally {
            writers.forEach(Process::destroyForcibly);
            for (Path log : logs) {
                Files.deleteIfExists(log);
            }
        }
        assertEquals("40", new String(store.get("limits/shared").orElseThrow().content(), UTF_8));
    }
}
