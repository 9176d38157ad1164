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
        return measureInTurns(List.of(work)).get(0);
    }

    /**
     * Warms several pieces of work up and measures them in turns: each round runs each once, in order, so
     * that a slow spell of the machine (another process, a busy neighbour of a virtual machine) falls on all
     * of them alike. The warm-up and measurement rules are {@link #measure}'s, counted in rounds. With more
     * than one, a full collection precedes each measured run (untimed): sharing a heap, a program would
     * otherwise pay for collecting the other's garbage (the records programs allocate a million records).
     */
    public List<Result> measureInTurns(List<Supplier<String>> works) {
        int k = works.size();
        String[] checksums = new String[k];
        int warm = 0;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (warm < warmupMin || System.nanoTime() < warmEnd) {
            warm++;
            for (int w = 0; w < k; w++) {
                checksums[w] = same(checksums[w], works.get(w).get(), "warm-up iteration " + warm);
            }
        }
        List<long[]> rounds = new ArrayList<>();
        long budgetEnd = System.nanoTime() + (long) (budgetSeconds * 1e9);
        while (rounds.size() < Math.max(1, iterations) && (rounds.isEmpty() || System.nanoTime() < budgetEnd)) {
            long[] round = new long[k];
            for (int w = 0; w < k; w++) {
                if (k > 1) {
                    System.gc();
                }
                long start = System.nanoTime();
                String result = works.get(w).get();
                round[w] = System.nanoTime() - start;
                checksums[w] = same(checksums[w], result, "measured iteration " + (rounds.size() + 1));
            }
            rounds.add(round);
        }
        List<Result> results = new ArrayList<>();
        for (int w = 0; w < k; w++) {
            int index = w;
            results.add(new Result(checksums[w], warm, rounds.stream().mapToLong(r -> r[index]).toArray()));
        }
        return results;
    }

    /**
     * The median over the measured rounds of {@code a}'s time divided by {@code b}'s, for two results of one
     * {@link #measureInTurns}: each ratio compares two runs made moments apart.
     */
    public static double medianRatio(Result a, Result b) {
        double[] ratios = new double[a.nanos().length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) a.nanos()[i] / b.nanos()[i];
        }
        Arrays.sort(ratios);
        int m = ratios.length / 2;
        return ratios.length % 2 == 1 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2;
    }

    private static String same(String expected, String actual, String where) {
        if (expected != null && !expected.equals(actual)) {
            throw new IllegalStateException(where + " returned " + actual + ", earlier iterations " + expected);
        }
        return actual;
    }
}
