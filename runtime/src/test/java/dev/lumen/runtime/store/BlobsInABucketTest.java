package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.S3Objects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs kept in an S3 bucket (S3Proxy on loopback) keep the promises of blobs in a folder. */
class BlobsInABucketTest {
    @TempDir
    Path dir;

    @Test
    void blobsAreCreatedOnceCheckedOnReadAndRepairedWhenDamaged() throws Exception {
        try (LoopbackS3 server = LoopbackS3.start(dir);
                S3Objects objects = S3Objects.open(server.bucket("team").resolve("/store"), server.env())) {
            BlobStore blobs = new BlobStore(objects);
            byte[] content = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            String hash = blobs.put(content);
            assertEquals(CanonicalJson.sha256(content), hash);
            assertEquals("s3://team/store/" + BlobStore.name(hash), blobs.where(hash));
            assertArrayEquals(content, blobs.read(hash));
            assertEquals(BlobStore.Status.OK, blobs.check(hash));
            assertFalse(objects.create(BlobStore.name(hash), content), "the blob is there once");

            // someone with write access to the bucket changes a byte: reading says so, the next put repairs it
            String version = objects.get(BlobStore.name(hash)).orElseThrow().version();
            assertTrue(objects.replace(BlobStore.name(hash), "[1,2,4]".getBytes(StandardCharsets.UTF_8), version));
            assertEquals(BlobStore.Status.CORRUPT, blobs.check(hash));
            assertTrue(assertThrows(StoreException.class, () -> blobs.read(hash)).getMessage().contains("corrupt"));
            new BlobStore(objects).put(content);
            assertArrayEquals(content, blobs.read(hash));

            String absent = CanonicalJson.sha256("absent");
            assertEquals(BlobStore.Status.MISSING, blobs.check(absent));
            assertTrue(assertThrows(StoreException.class, () -> blobs.read(absent)).getMessage().contains("missing"));
        }
    }
}
