package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void blobsAreNamedByTheirContentsHash() throws IOException {
        BlobStore blobs = Store.at(dir).blobs();
        byte[] content = "\"hello\"".getBytes(StandardCharsets.UTF_8);
        String hash = blobs.put(content);
        assertEquals(CanonicalJson.sha256(content), hash);
        assertEquals(dir.resolve(".lumen/blobs/sha256/" + ContentHash.hex(hash)).toString(), blobs.where(hash));
        assertArrayEquals(content, blobs.read(hash));
        assertEquals(BlobStore.Status.OK, blobs.check(hash));
        assertEquals(hash, blobs.put(content), "putting it again is harmless");
        try (Stream<Path> files = Files.list(dir.resolve(".lumen/blobs/sha256"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedBlobIsReportedAndReplacedByTheNextPut() throws IOException {
        BlobStore blobs = Store.at(dir).blobs();
        byte[] content = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        String hash = blobs.put(content);
        Files.writeString(dir.resolve(".lumen").resolve(BlobStore.name(hash)), "[1,2,4]");
        assertEquals(BlobStore.Status.CORRUPT, blobs.check(hash));
        StoreException e = assertThrows(StoreException.class, () -> blobs.read(hash));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        blobs.put(content);
        assertArrayEquals(content, blobs.read(hash));

        String absent = CanonicalJson.sha256("absent");
        assertEquals(BlobStore.Status.MISSING, blobs.check(absent));
        assertTrue(assertThrows(StoreException.class, () -> blobs.read(absent)).getMessage().contains("missing"));
    }

    @Test
    void hashesThatAreNotHashesNeverBecomePaths() {
        BlobStore blobs = Store.at(dir).blobs();
        assertThrows(IllegalArgumentException.class, () -> blobs.where("sha256:../../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> blobs.where("sha256:ABCDEF"));
    }
}
