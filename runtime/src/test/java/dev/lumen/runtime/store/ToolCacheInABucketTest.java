package dev.lumen.runtime.store;

import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.S3Objects;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link ToolCacheTest}'s tests in an S3 bucket (S3Proxy on loopback), a bucket of its own for each. */
class ToolCacheInABucketTest extends ToolCacheTest {
    private final List<S3Objects> opened = new ArrayList<>();
    private LoopbackS3 server;
    private URI bucket;

    @BeforeEach
    void makeBucket() throws Exception {
        server = LoopbackS3.shared();
        bucket = server.newBucket().resolve("/store");
    }

    @Override
    Store store() {
        S3Objects objects = S3Objects.open(bucket, server.env());
        opened.add(objects);
        return Store.on(dir, objects);
    }

    @AfterEach
    void close() {
        opened.forEach(S3Objects::close);
    }
}
