package dev.lumen.runtime.trace;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.CacheLookup;
import dev.lumen.runtime.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM writing to a shared store, as concurrent {@code lumen run}s do. Started by the store tests:
 *
 * <pre>
 * runs STORE RUNS THREADS   each of THREADS threads writes RUNS complete runs of the same program
 * forever STORE             writes one run that never ends; prints its run id first
 * waiting STORE             writes the start of a run, prints its run id, then waits (to be killed)
 * </pre>
 *
 * Every run calls the same tools with the same inputs and gets the same outputs (some over 1 KB, so blobs are
 * shared), looking them up in the cache first as the interpreter does.
 */
public final class StoreWriterProcess {
    static final int CALLS = 10;

    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Store store = Store.at(Path.of(args[1]));
        switch (args[0]) {
            case "runs" -> {
                int runs = Integer.parseInt(args[2]);
                int threads = Integer.parseInt(args[3]);
                List<Thread> started = new ArrayList<>();
                Throwable[] failure = {null};
                for (int t = 0; t < threads; t++) {
                    started.add(Thread.ofPlatform().start(() -> {
                        try {
                            for (int r = 0; r < runs; r++) {
                                writeRun(store);
                            }
                        } catch (Throwable e) {
                            failure[0] = e;
                        }
                    }));
                }
                for (Thread t : started) {
                    t.join();
                }
                if (failure[0] != null) {
                    failure[0].printStackTrace();
                    System.exit(1);
                }
            }
            case "forever" -> {
                TraceWriter w = TraceWriter.start(store, "forever.lm.md", CanonicalJson.sha256("forever"), "run", Map.of());
                System.out.println(w.runId());
                System.out.flush();
                for (long i = 0; ; i++) {
                    w.cellStart("step", Map.of("i", i));
                    call(store, w, (int) (i % CALLS));
                    w.cellEnd("step", "x".repeat(900) + i);
                }
            }
            case "waiting" -> {
                TraceWriter w = TraceWriter.start(store, "waiting.lm.md", CanonicalJson.sha256("waiting"), "run", Map.of());
                w.cellStart("step", Map.of("i", 0));
                call(store, w, 0);
                System.out.println(w.runId());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void writeRun(Store store) {
        try (TraceWriter w = TraceWriter.start(store, "shared.lm.md", CanonicalJson.sha256("shared"), "run", Map.of("n", CALLS))) {
            w.cellStart("fetch_all", Map.of("n", CALLS));
            for (int k = 0; k < CALLS; k++) {
                call(store, w, k);
            }
            w.cellEnd("fetch_all", CALLS);
            w.runEnd(CALLS);
        }
    }

    /** One cached tool call: call k always has the same inputs and output; even outputs go to blobs. */
    static void call(Store store, TraceWriter w, int k) {
        CanonicalValue inputs = CanonicalValue.of(Map.of("url", "https://example.com/" + k));
        CanonicalValue outputs = CanonicalValue.of(Map.of("status", 200, "body", (k % 2 == 0 ? "b" : "s").repeat(k % 2 == 0 ? 3000 : 20) + k));
        String policy = SampleRun.POLICY;
        CacheLookup lookup = store.cache().get("http.get", "1.0.0", policy, inputs.hash());
        boolean cached = lookup instanceof CacheLookup.Hit;
        if (lookup instanceof CacheLookup.Corrupt corrupt) {
            throw new IllegalStateException("corrupt cache entry " + corrupt.file() + ": " + corrupt.problem());
        }
        if (lookup instanceof CacheLookup.Unsealed unsealed) {
            throw new IllegalStateException("cache entry " + unsealed.file() + " not sealed by the shared key: " + unsealed.problem());
        }
        if (cached && !((CacheLookup.Hit) lookup).outputs().equals(outputs)) {
            throw new IllegalStateException("the cache served another output for call " + k);
        }
        if (!cached) {
            store.cache().put("http.get", "1.0.0", policy, inputs, outputs);
        }
        w.toolCall("fetch", "http.get", "1.0.0", policy, inputs, outputs, cached ? 0 : 5, cached);
    }
}
