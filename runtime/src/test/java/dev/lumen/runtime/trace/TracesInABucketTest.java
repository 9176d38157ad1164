package dev.lumen.runtime.trace;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.S3Objects;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Traces as segments and a head in an S3 bucket (S3Proxy on loopback). */
class TracesInABucketTest extends TracesAsSegmentsTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private ObjectStore objects;

    @Override
    ObjectStore objects() {
        if (objects == null) {
            try {
                LoopbackS3 server = LoopbackS3.start(Files.createDirectories(dir.resolve("s3")));
                open.add(server);
                S3Objects bucket = S3Objects.open(server.bucket("team").resolve("/runs"), server.env());
                open.add(bucket);
                objects = bucket;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return objects;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }
}
