package dev.lumen.runtime.store.objects;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 implementation for tests: S3Proxy on 127.0.0.1 (a free port), keeping its buckets in a folder, with
 * signed requests checked against one test key pair.
 *
 * <p>S3 decides conditional writes atomically; S3Proxy's folder backend checks {@code If-Match} and then writes,
 * so two writers that read one version could both win (the object store contract's concurrent test sees it).
 * {@link AtomicConditionalPuts} checks the conditions again and writes under one lock, as S3 does.
 */
public final class LoopbackS3 implements AutoCloseable {
    private static final String ACCESS_KEY = "lumen-test-access";
    private static final String SECRET_KEY = "lumen-test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;

    private LoopbackS3(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static LoopbackS3 shared;

    /**
     * One server for the tests of this JVM that need only buckets of their own (each makes its own with
     * {@link #bucket}): started on first use in a temporary folder, stopped when the JVM ends.
     */
    public static synchronized LoopbackS3 shared() throws Exception {
        if (shared == null) {
            LoopbackS3 server = start(java.nio.file.Files.createTempDirectory("lumen-s3-"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    // the JVM is ending
                }
            }));
            shared = server;
        }
        return shared;
    }

    /** Starts a server keeping its buckets under {@code dir}. */
    public static LoopbackS3 start(Path dir) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStore blobs = new AtomicConditionalPuts(BlobStores.create("filesystem", properties));
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new LoopbackS3(proxy);
    }

    /** The port the server listens on. */
    public int port() {
        return endpoint.getPort();
    }

    /** The standard AWS variables that reach this server. */
    public Map<String, String> env() {
        return Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** Makes a bucket named as no other bucket of this server is; its {@code s3://} address. */
    public URI newBucket() {
        return bucket("bucket-" + BUCKETS.incrementAndGet());
    }

    /** Makes a bucket; its {@code s3://} address. */
    public URI bucket(String name) {
        try (S3Client client = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build()) {
            client.createBucket(b -> b.bucket(name));
        }
        return URI.create("s3://" + name);
    }

    /** Puts whose {@code If-Match} and {@code If-None-Match} are checked and written as one step. */
    private static final class AtomicConditionalPuts extends ForwardingBlobStore {
        AtomicConditionalPuts(BlobStore blobs) {
            super(blobs);
        }

        @Override
        public synchronized PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
            HeadObjectResponse now = delegate().blobMetadataIfPresent(request.bucket(), request.key());
            boolean exists = now != null;
            if ("*".equals(request.ifNoneMatch()) && exists
                    || request.ifMatch() != null && (!exists || !unquoted(request.ifMatch()).equals(unquoted(now.eTag())))) {
                throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
            }
            return delegate().putBlob(request, content);
        }

        private static String unquoted(String etag) {
            return etag.replace("\"", "");
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
