package dev.lumen.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Peak time of one piece of work, measured in-process after warm-up; shared by {@link PeakRunner} (Lumen)
 * and {@link dev.lumen.bench.baseline.Baseline} (plain Java) so both sides are timed the same way.
 *
 * <p>Warm-up runs the work until both {@code warmupMin} iterations and {@code warmupSeconds} have passed
 * (a JIT needs time as well as repetitions: Truffle compiles in the background). Measurement then runs it
 * {@code iterations} times, or fewer when {@code budgetSeconds} run out (always at least once), and reports
 * the median and the minimum. Every iteration's result must be equal, or the work is not deterministic
 * and the measurement fails.
 *
 * <p>Options, as parsed by {@link #parseOption}: {@code --warmup-seconds S}, {@code --warmup-min K},
 * {@code --iterations M}, {@code --budget-seconds B}.
 */
public final class PeakTimer {
    double warmupSeconds = 5;
    int warmupMin = 3;
    int iterations = 10;
    double budgetSeconds = 60;

    /** What was measured: the work's result and the times of the measured iterations, in nanoseconds. */
    public record Result(String checksum, int warmupIterations, long[] nanos) {
        public double medianMillis() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
            return median / 1e6;
        }

        public double minMillis() {
            return Arrays.stream(nanos).min().orElseThrow() / 1e6;
        }

        /** Every measured time, in order: {@code times_ms 12.3 11.9 …}. */
        public String timesLine() {
            StringBuilder out = new StringBuilder("times_ms");
            for (long t : nanos) {
                out.append(String.format(Locale.ROOT, " %.3f", t / 1e6));
            }
            return out.toString();
        }

        /**
         * The line bench/run reads: {@code result checksum=C median_ms=X min_ms=Y warmup=K iterations=M}.
         * The checksum is JSON text without spaces.
         */
        public String line() {
            return String.format(Locale.ROOT, "result checksum=%s median_ms=%.3f min_ms=%.3f warmup=%d iterations=%d",
                    checksum, medianMillis(), minMillis(), warmupIterations, nanos.length);
        }
    }

    /**
     * Consumes the option at {@code args[i]} (and its value) if it is a timing option; returns the index of
     * the next argument, or {@code i} when the option is not one of ours.
     */
    public int parseOption(String[] args, int i) {
        String a = args[i];
        if (!a.startsWith("--") || i + 1 >= args.length) {
            return i;
        }
        String v = args[i + 1];
        switch (a) {
            case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(v);
            case "--warmup-min" -> warmupMin = Integer.parseInt(v);
            case "--iterations" -> iterations = Integer.parseInt(v);
            case "--budget-seconds" -> budgetSeconds = Double.parseDouble(v);
            default -> {
                return i;
            }
        }
        return i + 2;
    }

    /** Warms {@code work} up, then measures it. {@code work} returns the checksum as JSON text. */
    public Result measure(Supplier<String> work) {
        String checksum = null;
        int warm = 0;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (warm < warmupMin || System.nanoTime() < warmEnd) {
            checksum = same(checksum, work.get(), "warm-up iteration " + (warm + 1));
            warm++;
        }
        List<Long> times = new ArrayList<>();
        long budgetEnd = System.nanoTime() + (long) (budgetSeconds * 1e9);
        while (times.size() < Math.max(1, iterations) && (times.isEmpty() || System.nanoTime() < budgetEnd)) {
            long start = System.nanoTime();
            String result = work.get();
            times.add(System.nanoTime() - start);
            checksum = same(checksum, result, "measured iteration " + times.size());
        }
        return new Result(checksum, warm, times.stream().mapToLong(Long::longValue).toArray());
    }

    private static String same(String expected, String actual, String where) {
        if (expected != null && !expected.equals(actual)) {
            throw new IllegalStateException(where + " returned " + actual + ", earlier iterations " + expected);
        }
        return actual;
    }
}
