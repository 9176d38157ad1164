package dev.lumen.runtime.store.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
        address = server.newBucket().resolve("/team/store");
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

    /** A bucket that cannot be reached is an error that names it, after a few attempts of each read and write. */
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

    /**
     * An upload cut half-way leaves no object, and the write is tried again; a write applied whose answer was lost
     * is found applied, not taken for another writer's; a replace likewise. What is read is always whole.
     */
    @Test
    void anInterruptedUploadLeavesNothingHalfWrittenAndAWriteAppliedIsKnownAsOurs() throws Exception {
        ObjectStore objects = store();
        try (CuttingProxy proxy = new CuttingProxy(server.port())) {
            Map<String, String> env = new HashMap<>(server.env());
            env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
            try (S3Objects cut = S3Objects.open(address, env)) {
                byte[] large = new byte[64 * 1024];
                java.util.Arrays.fill(large, (byte) 'x');
                proxy.cutNext(new CuttingProxy.DuringRequest(20_000));
                assertTrue(cut.create("blobs/large", large), "the write is tried again, and is the first");
                assertEquals(1, proxy.cuts());
                assertArrayEquals(large, objects.get("blobs/large").orElseThrow().content());

                proxy.cutNext(new CuttingProxy.BeforeAnswer());
                assertTrue(cut.create("heads/run", new byte[] {1}), "applied before its answer was lost: ours");
                assertEquals(2, proxy.cuts());
                assertFalse(cut.create("heads/run", new byte[] {2}), "another write of the name is refused");

                String version = objects.get("heads/run").orElseThrow().version();
                proxy.cutNext(new CuttingProxy.BeforeAnswer());
                assertTrue(cut.replace("heads/run", new byte[] {3}, version), "a replace applied is ours too");
                assertArrayEquals(new byte[] {3}, objects.get("heads/run").orElseThrow().content());
                assertFalse(cut.replace("heads/run", new byte[] {4}, version), "and the old version is gone");
            }
        }
    }

    @AfterEach
    void closeClient() {
        if (objects != null) {
            objects.close();
        }
    }
}
