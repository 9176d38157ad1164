package dev.lumen.launcher.batch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A batch's counts and, on a terminal, the line that shows them as it goes ({@code lumen batch: 1200/10000 · 3
 * failed · 800 cached · 45.2/s · ETA 3m 15s}), rewritten in place; the summary at the end either way.
 */
public final class BatchProgress {
    private static final String ERASE = "\r\u001b[2K";
    private final PrintWriter err;
    private final boolean shown;
    private final LongSupplier clock;
    private final long started;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private volatile int total = -1;
    private boolean drawn;

    /**
     * @param err   standard error
     * @param shown whether the progress line is drawn (standard error is a terminal, and not {@code --quiet})
     */
    public BatchProgress(PrintWriter err, boolean shown, LongSupplier clock) {
        this.err = err;
        this.shown = shown;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    /** The number of inputs, once known. */
    public void total(int inputs) {
        total = inputs;
    }

    /** One input is done. */
    public void done(BatchResult result) {
        done.incrementAndGet();
        if (!result.ok()) {
            failed.incrementAndGet();
        }
        if (result.cached()) {
            cached.incrementAndGet();
        }
    }

    /** How many inputs failed. */
    public int failed() {
        return failed.get();
    }

    /** Handle of the ticking progress line. */
    @FunctionalInterface
    public interface Ticking extends AutoCloseable {
        @Override
        void close();
    }

    /** Redraws the line five times a second until closed, which erases it. */
    public Ticking ticking() {
        if (!shown) {
            return () -> { };
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lumen-batch-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, 200, 200, TimeUnit.MILLISECONDS);
        return () -> {
            ticker.shutdownNow();
            erase();
        };
    }

    private synchronized void draw() {
        err.print(ERASE + "lumen batch: " + counts(true));
        err.flush();
        drawn = true;
    }

    private synchronized void erase() {
        if (drawn) {
            err.print(ERASE);
            err.flush();
            drawn = false;
        }
    }

    /** The counts: done (of the total), failed, cached, the rate, and, when {@code eta}, the time left. */
    String counts(boolean eta) {
        int d = done.get();
        double seconds = Math.max(1e-3, (clock.getAsLong() - started) / 1e9);
        double rate = d / seconds;
        StringBuilder b = new StringBuilder().append(d);
        if (total >= 0) {
            b.append('/').append(total);
        }
        b.append(" · ").append(failed.get()).append(" failed · ").append(cached.get()).append(" cached · ")
                .append(String.format(Locale.ROOT, "%.1f/s", rate));
        if (eta && total >= 0 && d > 0 && d < total) {
            b.append(" · ETA ").append(duration((long) ((total - d) / rate)));
        }
        return b.toString();
    }

    /** The summary of a batch that finished: counts, time, rate, and where the results are. */
    public void finished(Path output) {
        int d = done.get();
        double seconds = (clock.getAsLong() - started) / 1e9;
        err.println("lumen batch: " + d + (d == 1 ? " input: " : " inputs: ") + (d - failed.get()) + " ok, "
                + failed.get() + " failed, " + cached.get() + " from earlier runs; "
                + duration(Math.round(seconds)) + String.format(Locale.ROOT, " (%.1f runs/s)", d / Math.max(seconds, 1e-3)));
        err.println("  results in " + output);
        err.flush();
    }

    /** The summary of a batch that was stopped: its results file was not written. */
    public void stopped(Path output) {
        err.println("lumen batch: stopped after " + done.get() + " inputs (" + failed.get() + " failed); " + output
                + " was not written");
        err.println("  = note: the runs that ended well are in the store: the same command goes on from there");
        err.flush();
    }

    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "s";
    }
}
