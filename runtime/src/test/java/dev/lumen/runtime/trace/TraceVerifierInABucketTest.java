package dev.lumen.runtime.trace;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.S3Objects;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link TraceVerifierTest}'s tests in an S3 bucket (S3Proxy on loopback): the trace's bytes as one segment, the
 * head as its object; but the test of trace files outside any store, which only a folder has.
 */
class TraceVerifierInABucketTest extends TraceVerifierTest {
    private S3Objects objects;

    @Override
    Store newStore() throws Exception {
        if (objects == null) {
            LoopbackS3 server = LoopbackS3.shared();
            objects = S3Objects.open(server.newBucket().resolve("/store"), server.env());
        }
        return Store.on(dir, objects);
    }

    @Override
    void rewrite(Store store, String runId, byte[] trace) throws IOException {
        TracesAsSegmentsTest.rewriteSegments(store.objects(), runId, trace);
    }

    @Override
    void rewriteHead(Store store, String runId, byte[] head) throws IOException {
        ObjectStore objects = store.objects();
        String name = "trace/" + runId + ".head";
        if (head == null) {
            objects.delete(name);
        } else {
            objects.writeOver(name, objects.get(name), head);
        }
    }

    /** Every 31st byte (a prime, so every member's bytes are hit somewhere): each flip is three requests here. */
    @Override
    int flipStride() {
        return 31;
    }

    /** Not in a bucket: it verifies trace files outside any store. */
    @Override
    void structureIsChecked() {
    }

    @AfterEach
    void close() {
        if (objects != null) {
            objects.close();
        }
    }
}
