package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lumen.runtime.limits.LimitKey;
import dev.lumen.runtime.limits.Tally;
import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.S3Objects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows kept in an S3 bucket (S3Proxy on loopback), shared by every machine using it, hold as in a folder. */
class LimitsInABucketTest {
    private static final LimitKey KEY = LimitHammer.KEY;
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    @Test
    void runsOnManyMachinesNeverExceedTheLimitAndADamagedRecordRefuses() throws Exception {
        try (LoopbackS3 server = LoopbackS3.start(dir);
                S3Objects objects = S3Objects.open(server.bucket("team").resolve("/store"), server.env())) {
            int limit = 25;
            assertEquals(limit, LimitHammer.threads(() -> new StoredLimits(objects), 8, 10, limit),
                    "80 attempts at once, exactly the limit admitted");

            AtomicLong now = new AtomicLong(System.currentTimeMillis());
            String name = StoredLimits.recordName(KEY);
            String version = objects.get(name).orElseThrow().version();
            objects.replace(name, "garbage\n".getBytes(StandardCharsets.UTF_8), version);
            Tally.Damaged damaged = assertInstanceOf(Tally.Damaged.class,
                    new StoredLimits(objects, now::get).count(KEY, MINUTE, limit, 1));
            assertEquals("s3://team/store/" + name, damaged.file());
            assertEquals(now.get() + MINUTE, damaged.until().toEpochMilli());
            now.addAndGet(MINUTE);
            assertEquals(new Tally.Admitted(0), new StoredLimits(objects, now::get).count(KEY, MINUTE, limit, 1),
                    "one window after the damage was found, the window starts afresh");
        }
    }
}
