package dev.lumen.runtime.store;

import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.S3Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link StoredLimitsTest}'s tests in an S3 bucket (S3Proxy on loopback), a bucket of its own for each; but the two
 * that are a folder's own: processes sharing a folder, and a file where a directory should be. Many machines
 * sharing a bucket are {@link LimitsInABucketTest}'s.
 */
class StoredLimitsInABucketTest extends StoredLimitsTest {
    private S3Objects objects;

    @BeforeEach
    void open() throws Exception {
        LoopbackS3 server = LoopbackS3.shared();
        objects = S3Objects.open(server.newBucket().resolve("/store"), server.env());
    }

    @Override
    ObjectStore objects() {
        return objects;
    }

    @AfterEach
    void close() {
        if (objects != null) {
            objects.close();
        }
    }

    /** Not in a bucket: processes on one machine share a folder; machines sharing a bucket are LimitsInABucketTest's. */
    @Override
    void processesSharingTheStoreNeverExceedTheLimit() {
    }

    /** Not in a bucket: a bucket has no directories for a file to stand in the way of. */
    @Override
    void aRecordThatCannotBeWrittenIsAStoreError() {
    }
}
