package dev.lumen.conformance.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a fuzzing session did: inputs by command and verdict, time, and the distinct failure classes. Workers
 * share one, so every method is synchronized.
 */
final class Figures {
    /** One class of failures: how many inputs fell into it, the first one's seed and its reproducer. */
    static final class FailureClass {
        final String name;
        final Command command;
        final long firstSeed;
        final String firstOutput;
        Path reproducer;
        long count;

        FailureClass(String name, Command command, long firstSeed, String firstOutput) {
            this.name = name;
            this.command = command;
            this.firstSeed = firstSeed;
            this.firstOutput = firstOutput;
        }
    }

    private final Map<Command, long[]> counts = new EnumMap<>(Command.class);
    private final Map<Command, Long> nanos = new EnumMap<>(Command.class);
    private final Map<String, FailureClass> failures = new LinkedHashMap<>();
    private long inputs;
    /** The slowest inputs that did not time out: performance cliffs are worth a look too. */
    private final TreeSet<Slow> slowest = new TreeSet<>(Comparator.comparingLong(Slow::nanos).thenComparingLong(Slow::seed));
    private static final int SLOWEST = 5;

    private record Slow(long nanos, Command command, long seed) {
    }
    private final long started = System.nanoTime();

    Figures() {
        for (Command c : Command.values()) {
            counts.put(c, new long[Verdict.values().length]);
            nanos.put(c, 0L);
        }
    }

    synchronized void count(Command command, Verdict verdict, long elapsedNanos, long seed) {
        counts.get(command)[verdict.ordinal()]++;
        nanos.merge(command, elapsedNanos, Long::sum);
        inputs++;
        if (verdict != Verdict.TIMEOUT) {
            slowest.add(new Slow(elapsedNanos, command, seed));
            if (slowest.size() > SLOWEST) {
                slowest.pollFirst();
            }
        }
    }

    /** Records a failure; the number of its class when it is the first of the class, else -1. */
    synchronized int failure(String name, Command command, long seed, String output) {
        FailureClass known = failures.get(name);
        if (known != null) {
            known.count++;
            return -1;
        }
        FailureClass fresh = new FailureClass(name, command, seed, output);
        fresh.count = 1;
        failures.put(name, fresh);
        return failures.size();
    }

    synchronized void reproducer(String name, Path file) {
        failures.get(name).reproducer = file;
    }

    synchronized List<FailureClass> failures() {
        return new ArrayList<>(failures.values());
    }

    synchronized long inputs() {
        return inputs;
    }

    synchronized long count(Verdict verdict) {
        return counts.values().stream().mapToLong(c -> c[verdict.ordinal()]).sum();
    }

    synchronized long count(Command command) {
        long n = 0;
        for (long c : counts.get(command)) {
            n += c;
        }
        return n;
    }

    /**
     * The figures as a table (a command's inputs per second of the time workers spent on it), the slowest inputs,
     * then one paragraph per failure class.
     */
    synchronized String report() {
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "lumen fuzz: %,d inputs in %.1f s (%.1f inputs/s), %d failure class%s%n",
                inputs, seconds, inputs / Math.max(seconds, 1e-9), failures.size(), failures.size() == 1 ? "" : "es"));
        b.append(String.format(Locale.ROOT, "%-19s %9s %9s", "command", "inputs", "per s"));
        for (Verdict v : Verdict.values()) {
            b.append(String.format(Locale.ROOT, " %13s", v.label()));
        }
        b.append('\n');
        for (Command c : Command.values()) {
            long n = count(c);
            double s = nanos.get(c) / 1e9;
            b.append(String.format(Locale.ROOT, "%-19s %,9d %9.1f", c.label(), n, n / Math.max(s, 1e-9)));
            for (Verdict v : Verdict.values()) {
                b.append(String.format(Locale.ROOT, " %,13d", counts.get(c)[v.ordinal()]));
            }
            b.append('\n');
        }
        b.append("slowest:");
        for (Slow s : slowest.descendingSet()) {
            b.append(String.format(Locale.ROOT, " %s %.0f ms (seed %d);", s.command().label(), s.nanos() / 1e6, s.seed()));
        }
        b.append('\n');
        for (FailureClass f : failures.values()) {
            b.append(String.format(Locale.ROOT, "%nFAILURE %s%n  %,d input%s, first: %s, seed %d (-Dlumen.fuzz.seeds=%d)%n",
                    f.name, f.count, f.count == 1 ? "" : "s", f.command.label(), f.firstSeed, f.firstSeed));
            if (f.reproducer != null) {
                b.append("  minimized input: ").append(f.reproducer.toAbsolutePath()).append('\n');
            }
            f.firstOutput.lines().limit(12).forEach(line -> b.append("  | ").append(line).append('\n'));
        }
        return b.toString();
    }
}
