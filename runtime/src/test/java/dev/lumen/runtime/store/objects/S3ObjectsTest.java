package dev.lumen.runtime.store.objects;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The object store contract against a real S3 implementation on loopback, a bucket per test. */
class S3ObjectsTest extends ObjectStoreContract {
    @TempDir
    static Path dir;
    private static LoopbackS3 server;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private S3Objects objects;

    @BeforeAll
    static void startServer() throws Exception {
        server = LoopbackS3.start(dir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private URI address;

    @Override
    ObjectStore store() {
        address = server.bucket("bucket-" + BUCKETS.incrementAndGet()).resolve("/team/store");
        objects = S3Objects.open(address, server.env());
        return objects;
    }

    @Override
    String address() {
        return address.toString();
    }

    @Override
    Map<String, String> processEnv() {
        return server.env();
    }

    @AfterEach
    void closeClient() {
        if (objects != null) {
            objects.close();
        }
    }
}
