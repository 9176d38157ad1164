package dev.lumen.runtime.store.objects;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    /** A bucket that cannot be reached is an error that names it, after the reads' retries; no write is retried. */
    @Test
    void anUnreachableServerIsAnErrorNamingTheObject() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> env = new HashMap<>(server.env());
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        try (S3Objects nowhere = S3Objects.open(URI.create("s3://gone/p"), env)) {
            IOException read = assertThrows(IOException.class, () -> nowhere.get("blobs/x"));
            assertTrue(read.getMessage().startsWith("cannot read `s3://gone/p/blobs/x`: "), read.getMessage());
            IOException write = assertThrows(IOException.class, () -> nowhere.create("blobs/x", new byte[] {1}));
            assertTrue(write.getMessage().startsWith("cannot write `s3://gone/p/blobs/x`: "), write.getMessage());
        }
    }

    /** A bucket that does not exist is an error, not a failed condition a writer would take for another's object. */
    @Test
    void aMissingBucketIsAnErrorNamingIt() throws Exception {
        try (S3Objects none = S3Objects.open(URI.create("s3://no-such-bucket/p"), server.env())) {
            IOException create = assertThrows(IOException.class, () -> none.create("trace/x.head", new byte[] {1}));
            assertTrue(create.getMessage().startsWith("cannot write `s3://no-such-bucket/p/trace/x.head`: "),
                    create.getMessage());
            assertThrows(IOException.class, () -> none.replace("trace/x.head", new byte[] {1}, "\"v\""));
            IOException list = assertThrows(IOException.class, () -> none.list("trace/"));
            assertTrue(list.getMessage().startsWith("cannot list `s3://no-such-bucket/p/trace/…`: "), list.getMessage());
        }
    }

    @AfterEach
    void closeClient() {
        if (objects != null) {
            objects.close();
        }
    }
}
