package dev.lumen.runtime.store.objects;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3-compatible bucket, under a prefix ({@code s3://BUCKET/PREFIX}), through the AWS SDK for Java
 * v2. A version is the object's ETag; {@link #create} is a put with {@code If-None-Match: *} and
 * {@link #replace} one with {@code If-Match: ETAG}, so the bucket itself decides which of two writers wins.
 */
public final class S3Objects implements ObjectStore, AutoCloseable {
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409; // a concurrent conditional write of the same key: try again
    private static final int NOT_FOUND = 404;
    /** Attempts of a read (get, list, head), which may be repeated, unlike a conditional put. */
    private static final int READ_ATTEMPTS = 3;
    /** Attempts of a conditional put the bucket refused because another write of the key was under way. */
    private static final int CONFLICT_ATTEMPTS = 8;
    /** The metadata member that names the put that wrote an object. */
    private static final String WRITE_ID = "lumen-write";

    /** The buckets this process has opened, by address and the variables that reach them: one client each. */
    private static final Map<List<String>, S3Objects> OPENED = new ConcurrentHashMap<>();
    private static final List<String> VARIABLES = List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_REGION",
            "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE");

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    S3Objects(S3Client client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /**
     * The objects at {@code address} ({@code s3://BUCKET} or {@code s3://BUCKET/PREFIX}), reached as the
     * standard AWS variables in {@code env} say: {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} (an
     * S3-compatible server, addressed path-style), {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}, and
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}; without keys, the
     * SDK's default chain (the shared config and credentials files, {@code AWS_PROFILE}, instance roles).
     */
    public static S3Objects open(URI address, Map<String, String> env) {
        if (!"s3".equals(address.getScheme()) || address.getHost() == null) {
            throw new IllegalArgumentException("not an s3://BUCKET/PREFIX address: " + address);
        }
        String path = address.getPath() == null ? "" : address.getPath();
        String prefix = path.startsWith("/") ? path.substring(1) : path;
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(first(env, "AWS_REGION", "AWS_DEFAULT_REGION").orElse("us-east-1")))
                .credentialsProvider(credentials(env))
                // A conditional write the SDK sent twice could apply once and then fail its condition: this class
                // retries itself, and checks what a write whose connection failed left (put).
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()));
        Optional<String> endpoint = first(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        if (endpoint.isPresent()) {
            builder.endpointOverride(URI.create(endpoint.get())).forcePathStyle(true);
        }
        return new S3Objects(builder.build(), address.getHost(), prefix);
    }

    /**
     * The objects at {@code address} as {@link #open} reaches them, opened once per process and never closed: every
     * run of a long-lived process (the daemon, a server, a batch) shares one client and its connections.
     */
    public static S3Objects shared(URI address, Map<String, String> env) {
        List<String> key = new ArrayList<>();
        key.add(address.toString());
        VARIABLES.forEach(name -> key.add(env.get(name)));
        return OPENED.computeIfAbsent(Collections.unmodifiableList(key), k -> open(address, env));
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token));
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private String key(String name) {
        return prefix + ObjectStore.checkName(name);
    }

    @Override
    public Optional<StoredObject> get(String name) throws IOException {
        String key = key(name);
        return read("read", where(name), () -> {
            try {
                ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                return Optional.of(new StoredObject(bytes.asByteArray(), bytes.response().eTag()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean create(String name, byte[] content) throws IOException {
        return put(name, content, b -> b.ifNoneMatch("*"));
    }

    @Override
    public boolean replace(String name, byte[] content, String version) throws IOException {
        return put(name, content, b -> b.ifMatch(version));
    }

    /**
     * A conditional put, tried again when the bucket refused it as a conflict (another write of the key under way)
     * or the connection failed. A put whose connection failed may have been applied all the same, so each put
     * carries a write id of its own in the object's metadata ({@value #WRITE_ID}): when a later attempt finds its
     * condition failed, the object's write id says whether the object there is this put's, applied before the
     * connection failed, or another writer's (even one that wrote the same bytes).
     */
    private boolean put(String name, byte[] content, Consumer<PutObjectRequest.Builder> condition) throws IOException {
        String key = key(name);
        String writeId = UUID.randomUUID().toString();
        boolean uncertain = false;
        for (int attempt = 1; ; attempt++) {
            try {
                client.putObject(b -> condition.accept(b.bucket(bucket).key(key).metadata(Map.of(WRITE_ID, writeId))),
                        RequestBody.fromBytes(content));
                return true;
            } catch (S3Exception e) {
                boolean noBucket = e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
                if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == NOT_FOUND && !noBucket) {
                    // the condition failed: another writer's object is there (or none is), unless it is this put's
                    return uncertain && writeId.equals(writeIdOf(name));
                }
                if (e.statusCode() != CONFLICT || attempt == CONFLICT_ATTEMPTS) {
                    throw failed("write", where(name), e);
                }
            } catch (SdkClientException e) {
                if (attempt >= READ_ATTEMPTS) {
                    throw failed("write", where(name), e);
                }
                uncertain = true;
            } catch (SdkException e) {
                throw failed("write", where(name), e);
            }
            pause(attempt, () -> new IOException("cannot write `" + where(name) + "`: interrupted"));
        }
    }

    /** The write id of the object {@code name}, or null when there is none (or no object). */
    private String writeIdOf(String name) throws IOException {
        return head("read", name).map(h -> h.metadata().get(WRITE_ID)).orElse(null);
    }

    /** The metadata of the object {@code name}, read for {@code what}; empty when there is no such object. */
    private Optional<HeadObjectResponse> head(String what, String name) throws IOException {
        String key = key(name);
        return read(what, where(name), () -> {
            try {
                return Optional.of(client.headObject(b -> b.bucket(bucket).key(key)));
            } catch (S3Exception e) {
                if (e instanceof NoSuchKeyException || e.statusCode() == NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public List<String> list(String namePrefix) throws IOException {
        return read("list", address(prefix + namePrefix) + "…", () -> {
            List<String> names = new ArrayList<>();
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + namePrefix))
                    .contents()) {
                names.add(object.key().substring(prefix.length()));
            }
            names.sort(null);
            return names;
        });
    }

    @Override
    public boolean delete(String name) throws IOException {
        if (head("delete", name).isEmpty()) {
            return false;
        }
        String key = key(name);
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw failed("delete", where(name), e);
        }
    }

    @Override
    public String where(String name) {
        return address(key(name));
    }

    private String address(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String where() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }

    /**
     * A read, tried up to {@link #READ_ATTEMPTS} times while it fails for the server's or the connection's sake
     * (a 5xx, a reset); a 4xx is the answer.
     */
    private <T> T read(String what, String where, Supplier<T> request) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (SdkException e) {
                boolean retryable = !(e instanceof S3Exception s3) || s3.statusCode() >= 500;
                if (!retryable || attempt == READ_ATTEMPTS) {
                    throw failed(what, where, e);
                }
                pause(attempt, () -> failed(what, where, e));
            }
        }
    }

    /** Waits before attempt {@code attempt + 1}: 100 ms, then twice as long each time. */
    private static void pause(int attempt, Supplier<IOException> interrupted) throws IOException {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.get();
        }
    }

    private static IOException failed(String what, String where, SdkException e) {
        return new IOException("cannot " + what + " `" + where + "`: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
