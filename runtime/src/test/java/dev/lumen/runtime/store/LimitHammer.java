package dev.lumen.runtime.store;

import dev.lumen.runtime.limits.LimitKey;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.lumen.runtime.limits.Tally;

/**
 * A process that counts calls against one stored limit as fast as it can, for {@link StoredLimitsTest}: {@code
 * LimitHammer STORE_ROOT ATTEMPTS LIMIT} prints {@code ready}, waits for the file {@code STORE_ROOT/go} (so that
 * all the processes start together), then prints how many of its ATTEMPTS were admitted.
 */
public final class LimitHammer {
    static final LimitKey KEY = new LimitKey("http.get", "sha256:" + "ab".repeat(32), "rate_limit");

    private LimitHammer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args[0]);
        StoredLimits limits = Store.at(root).limits();
        int attempts = Integer.parseInt(args[1]);
        long limit = Long.parseLong(args[2]);
        System.out.println("ready");
        System.out.flush();
        while (!Files.exists(root.resolve("go"))) {
            Thread.sleep(1);
        }
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limits.count(KEY, 60_000, limit, 1) instanceof Tally.Admitted) {
                admitted++;
            }
        }
        System.out.println(admitted);
    }
}
