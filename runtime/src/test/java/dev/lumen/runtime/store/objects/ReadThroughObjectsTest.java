package dev.lumen.runtime.store.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder in front of a shared store (trace-v1.md §7.5): blobs read or written once are read from the folder
 * after that; nothing else is kept there; a damaged or lost copy costs a read of the shared store, never a
 * wrong answer.
 */
class ReadThroughObjectsTest {
    @TempDir
    Path dir;

    /** A shared store that records the names it was asked to read. */
    private static final class Far implements ObjectStore {
        final FolderObjects objects;
        final List<String> reads = new ArrayList<>();

        Far(Path root) {
            objects = new FolderObjects(root);
        }

        @Override
        public Optional<StoredObject> get(String name) throws IOException {
            reads.add(name);
            return objects.get(name);
        }

        @Override
        public boolean create(String name, byte[] content) throws IOException {
            return objects.create(name, content);
        }

        @Override
        public boolean replace(String name, byte[] content, String version) throws IOException {
            return objects.replace(name, content, version);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            return objects.list(prefix);
        }

        @Override
        public boolean delete(String name) throws IOException {
            return objects.delete(name);
        }

        @Override
        public String where(String name) {
            return "far:" + name;
        }

        @Override
        public String where() {
            return "far";
        }
    }

    private static final byte[] BLOB = "\"a large value\"".getBytes(StandardCharsets.UTF_8);
    private static final String BLOB_NAME = "blobs/sha256/" + CanonicalJson.sha256(BLOB).substring("sha256:".length());

    private static boolean intact(String name, byte[] content) {
        return name.equals(BLOB_NAME) && java.util.Arrays.equals(content, BLOB);
    }

    @Test
    void aBlobReadOnceIsReadFromTheFolderAfterwards() throws Exception {
        Far far = new Far(dir.resolve("far"));
        far.create(BLOB_NAME, BLOB); // written by someone else
        FolderObjects near = new FolderObjects(dir.resolve("near"));
        ReadThroughObjects objects = new ReadThroughObjects(near, far, ReadThroughObjectsTest::intact);

        assertArrayEquals(BLOB, objects.get(BLOB_NAME).orElseThrow().content());
        assertArrayEquals(BLOB, objects.get(BLOB_NAME).orElseThrow().content());
        assertEquals(List.of(BLOB_NAME), far.reads, "the second read is answered by the folder");
        assertTrue(near.get(BLOB_NAME).isPresent());
    }

    @Test
    void aBlobWrittenIsKeptNearAndEverythingElseGoesFar() throws Exception {
        Far far = new Far(dir.resolve("far"));
        FolderObjects near = new FolderObjects(dir.resolve("near"));
        ReadThroughObjects objects = new ReadThroughObjects(near, far, ReadThroughObjectsTest::intact);
        assertTrue(objects.create(BLOB_NAME, BLOB));
        assertTrue(objects.create("cache/http.get/ab.json", "{}".getBytes(StandardCharsets.UTF_8)));
        objects.get(BLOB_NAME);
        objects.get("cache/http.get/ab.json");
        objects.get("cache/http.get/ab.json");
        assertEquals(List.of("cache/http.get/ab.json", "cache/http.get/ab.json"), far.reads,
                "an entry, which may be replaced, is read from the shared store each time");
        assertFalse(near.get("cache/http.get/ab.json").isPresent());
        assertEquals(List.of(BLOB_NAME, "cache/http.get/ab.json"), objects.list(""));
        assertEquals("far:" + BLOB_NAME, objects.where(BLOB_NAME));
    }

    @Test
    void aDamagedOrLostCopyIsReadAgainFromTheSharedStore() throws Exception {
        Far far = new Far(dir.resolve("far"));
        far.create(BLOB_NAME, BLOB);
        FolderObjects near = new FolderObjects(dir.resolve("near"));
        ReadThroughObjects objects = new ReadThroughObjects(near, far, ReadThroughObjectsTest::intact);
        objects.get(BLOB_NAME);

        Files.write(near.path(BLOB_NAME), "\"changed\"".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(BLOB, objects.get(BLOB_NAME).orElseThrow().content());
        assertArrayEquals(BLOB, near.get(BLOB_NAME).orElseThrow().content(), "the copy is made again");

        Files.delete(near.path(BLOB_NAME));
        assertArrayEquals(BLOB, objects.get(BLOB_NAME).orElseThrow().content());
        assertEquals(3, far.reads.size());

        // a damaged blob in the shared store is not kept near, so its owner can see and replace it
        far.objects.replace(BLOB_NAME, "\"bad\"".getBytes(StandardCharsets.UTF_8), far.objects.get(BLOB_NAME).orElseThrow().version());
        Files.delete(near.path(BLOB_NAME));
        assertArrayEquals("\"bad\"".getBytes(StandardCharsets.UTF_8), objects.get(BLOB_NAME).orElseThrow().content());
        assertFalse(near.get(BLOB_NAME).isPresent());
    }
}
