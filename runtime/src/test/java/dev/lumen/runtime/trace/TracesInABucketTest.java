package dev.lumen.runtime.trace;

import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.S3Objects;
import org.junit.jupiter.api.AfterEach;

/** Traces as segments and a head in an S3 bucket (S3Proxy on loopback), a bucket of its own for each test. */
class TracesInABucketTest extends TracesAsSegmentsTest {
    private S3Objects objects;

    @Override
    ObjectStore objects() {
        if (objects == null) {
            try {
                LoopbackS3 server = LoopbackS3.shared();
                objects = S3Objects.open(server.newBucket().resolve("/runs"), server.env());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return objects;
    }

    @AfterEach
    void close() {
        if (objects != null) {
            objects.close();
        }
    }
}
