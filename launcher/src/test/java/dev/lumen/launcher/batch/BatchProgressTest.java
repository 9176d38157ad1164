package dev.lumen.launcher.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The batch's progress line and summary (run.md §10): counts, rate and time left, from a clock the test holds. */
class BatchProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theLineCountsDoneFailedAndCachedWithTheRateAndTheTimeLeft() {
        AtomicLong now = new AtomicLong(0);
        StringWriter err = new StringWriter();
        BatchProgress progress = new BatchProgress(new PrintWriter(err), true, now::get);
        progress.total(1000);
        for (int i = 0; i < 100; i++) {
            progress.done(i < 3 ? BatchResult.failed(i + 1, "halt", "no", null)
                    : BatchResult.ok(i + 1, "1", null, i < 40));
        }
        now.set(4 * SECOND);
        assertEquals("100/1000 · 3 failed · 37 cached · 25.0/s · ETA 36s", progress.counts(true));
        now.set(400 * SECOND);
        assertEquals("100/1000 · 3 failed · 37 cached · 0.3/s · ETA 1h 0m", progress.counts(true));
        progress.finished(Path.of("out.jsonl"));
        assertEquals("lumen batch: 100 inputs: 97 ok, 3 failed, 37 from earlier runs; 6m 40s (0.3 runs/s)\n"
                + "  results in out.jsonl\n", err.toString().replace(System.lineSeparator(), "\n"));
        assertEquals(3, progress.failed());
    }
}
