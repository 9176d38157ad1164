package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.S3Objects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool-cache entries kept in an S3 bucket (S3Proxy on loopback) keep the promises of entries in a folder. */
class CacheInABucketTest {
    private static final String POLICY = CanonicalJson.hash(Map.of("domain", List.of("api.example.com")));
    private static final CanonicalValue ARGS = CanonicalValue.of(Map.of("url", "https://api.example.com/a"));
    private static final CanonicalValue LARGE = CanonicalValue.of(Map.of("status", 200, "body", "y".repeat(4000)));

    @TempDir
    Path dir;

    @Test
    void entriesAreServedCheckedListedAndClearedWhateverWritesThemAtOnce() throws Exception {
        UserKey key = UserKey.of(new byte[UserKey.LENGTH]);
        try (LoopbackS3 server = LoopbackS3.start(dir);
                S3Objects objects = S3Objects.open(server.bucket("team").resolve("/store"), server.env())) {
            BlobStore blobs = new BlobStore(objects);
            ToolCache cache = new ToolCache(objects, blobs, () -> key);
            assertInstanceOf(CacheLookup.Miss.class, cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));

            // eight runs put the same call at once: one intact entry stays, and it is a hit
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<CacheEntry>> puts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    puts.add(pool.submit(() -> new ToolCache(objects, blobs, () -> key)
                            .put("http.get", "1.0.0", POLICY, ARGS, LARGE)));
                }
                for (Future<CacheEntry> put : puts) {
                    put.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            CacheLookup.Hit hit = assertInstanceOf(CacheLookup.Hit.class,
                    cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));
            assertEquals(LARGE.text(), hit.outputs().text(), "the output comes back from its blob in the bucket");
            assertTrue(hit.entry().file().startsWith("s3://team/store/cache/http.get/"), hit.entry().file());

            // an entry changed in the bucket is damaged, never served
            String name = ToolCache.entryName("http.get", hit.entry().key());
            String version = objects.get(name).orElseThrow().version();
            byte[] changed = new String(objects.get(name).orElseThrow().content(), StandardCharsets.UTF_8)
                    .replace("\"http.get\"", "\"http.gex\"").getBytes(StandardCharsets.UTF_8);
            objects.replace(name, changed, version);
            assertInstanceOf(CacheLookup.Corrupt.class, cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));
            assertEquals(1, cache.list(null).corrupt().size());

            // a put over the damaged entry replaces it; clearing removes it, and the blob stays
            cache.put("http.get", "1.0.0", POLICY, ARGS, LARGE);
            assertEquals(1, cache.list("http.get").entries().size());
            assertEquals(1, cache.clear(null));
            assertEquals(List.of(), cache.list(null).entries());
            assertEquals(BlobStore.Status.OK, blobs.check(LARGE.hash()), "blobs stay: traces may refer to them");
        }
    }
}
