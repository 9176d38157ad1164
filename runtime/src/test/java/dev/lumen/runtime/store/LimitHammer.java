package dev.lumen.runtime.store;

import dev.lumen.runtime.limits.LimitKey;
import dev.lumen.runtime.limits.Tally;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A process that counts calls against one stored limit as fast as it can, for {@link StoredLimitsTest}: {@code
 * LimitHammer STORE_ROOT ATTEMPTS LIMIT} prints {@code ready}, waits for the file {@code STORE_ROOT/go} (so that
 * all the processes start together), then prints how many of its ATTEMPTS were admitted. {@link #threads} does
 * the same from threads of one process.
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

    /**
     * How many of {@code attempts} calls in each of {@code threads} threads at once were admitted against a limit
     * of {@code limit} calls a minute, each thread with its own view of the windows ({@code limits}).
     */
    static int threads(Supplier<StoredLimits> limits, int threads, int attempts, long limit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admitted.add(pool.submit(() -> {
                    StoredLimits mine = limits.get();
                    int n = 0;
                    for (int i = 0; i < attempts; i++) {
                        n += mine.count(KEY, 60_000, limit, 1) instanceof Tally.Admitted ? 1 : 0;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
