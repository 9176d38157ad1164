package dev.lumen.conformance.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Feeds the whole pipeline mutated inputs, in-process through the {@code lumen} command: {@code check} and
 * {@code emit} of mutated corpus documents, {@code run} of mutated documents (with their arguments, sometimes
 * mutated) and of mutated LIR modules. Every outcome is held to the {@link Oracle}; the first input of each
 * failure class is minimized and written under the failures directory with its seed and command.
 *
 * <p>Input {@code i} of a session has the seed {@link #seed(long, long) seed(base, i)}: a failure is reproduced by
 * its seed alone ({@link Settings#seeds}), whatever ran before it. Workers (one per thread, each with its own
 * directory and store) take the inputs in turn. Runs are {@code --offline} against the worker's store, on the
 * interpreter ({@code --engine.Compilation=false}: a compilation would outlive most runs), under a time limit, on
 * a smaller stack than {@code lumen run}'s (recursion that never ends overflows it sooner; cancelling a run only
 * takes effect at a loop's back edge or a call's return).
 */
final class PipelineFuzzer {
    /** Runs between two clean-ups of a worker's store, which gathers a trace per run. */
    private static final int STORE_RUNS = 2000;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** The stack of the thread {@code lumen run} runs a program on, in the fuzzer: 8 MiB instead of 64. */
    private static final String STACK = Long.toString(8L << 20);

    /**
     * What to fuzz and how long.
     *
     * @param base the session's seed
     * @param inputs how many inputs
     * @param seeds when not empty, only these inputs' seeds (a reproduction), and inputs is ignored
     * @param runLimit the watchdog's limit for one command
     * @param maxDepth the deepest nesting a document mutation generates
     * @param weights relative weights of the commands, in {@link Command} order
     * @param minimizeBudget commands spent shrinking the first input of a failure class (0: none)
     * @param threads how many workers
     * @param work a directory for the inputs, the stores, outputs and failures
     * @param progress where progress goes every {@code progressEvery} (null for none)
     */
    record Settings(long base, long inputs, List<Long> seeds, Duration runLimit, int maxDepth, int[] weights,
            int minimizeBudget, int threads, Path work, PrintStream progress, Duration progressEvery) {
    }

    private final Settings settings;
    private final InputGenerator generator;
    private final Figures figures = new Figures();
    private final Path failures;
    private final AtomicLong next = new AtomicLong();
    private long lastProgress = System.nanoTime();

    PipelineFuzzer(Settings settings) {
        this.settings = settings;
        this.generator = new InputGenerator(settings.maxDepth(), settings.weights());
        this.failures = settings.work().resolve("failures");
    }

    /** Input {@code index}'s seed in the session {@code base}: SplitMix64 of the two, so that nearby seeds differ. */
    static long seed(long base, long index) {
        long z = base + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    Figures fuzz() {
        String stack = System.getProperty("lumen.stack.size");
        System.setProperty("lumen.stack.size", STACK);
        try {
            delete(failures);
            int threads = settings.seeds().isEmpty() ? Math.max(1, settings.threads()) : 1;
            List<Thread> running = new ArrayList<>();
            List<Throwable> crashed = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                Worker worker = new Worker(settings.work().resolve("worker-" + w));
                Thread t = new Thread(() -> {
                    try (worker) {
                        worker.work();
                    } catch (IOException | RuntimeException | Error e) {
                        synchronized (crashed) {
                            crashed.add(e);
                        }
                    }
                }, "lumen-fuzz-" + w);
                t.start();
                running.add(t);
            }
            for (Thread t : running) {
                t.join();
            }
            for (Throwable e : crashed) { // the session's figures stand; the crash is one more failure class
                figures.failure("a fuzzing worker stopped: " + e, Command.CHECK, 0, stackTrace(e));
            }
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (stack == null) {
                System.clearProperty("lumen.stack.size");
            } else {
                System.setProperty("lumen.stack.size", stack);
            }
        }
    }

    private long total() {
        return settings.seeds().isEmpty() ? settings.inputs() : settings.seeds().size();
    }

    private synchronized void progress() {
        if (settings.progress() != null && System.nanoTime() - lastProgress > settings.progressEvery().toNanos()) {
            lastProgress = System.nanoTime();
            settings.progress().printf(Locale.ROOT, "lumen fuzz: %,d of %,d inputs, %,d failures in %d classes%n",
                    figures.inputs(), total(), figures.count(Verdict.FAILURE), figures.failures().size());
        }
    }

    /** One thread's share of the session: its own watchdog, directory and store. */
    private final class Worker implements AutoCloseable {
        private final InProcessLumen lumen = new InProcessLumen();
        private final Path dir;
        private final Path store;
        private long runs;

        Worker(Path dir) throws IOException {
            this.dir = dir;
            this.store = dir.resolve("store");
            Files.createDirectories(dir);
        }

        void work() throws IOException {
            for (long i = next.getAndIncrement(); i < total(); i = next.getAndIncrement()) {
                long seed = settings.seeds().isEmpty() ? seed(settings.base(), i) : settings.seeds().get((int) i);
                FuzzInput input;
                try {
                    input = generator.generate(seed);
                } catch (RuntimeException e) { // the fuzzer's own bug: say so, and go on
                    Command none = Command.CHECK;
                    figures.count(none, Verdict.FAILURE, 0, seed);
                    figures.failure("the fuzzer failed to make an input: " + e, none, seed, stackTrace(e));
                    continue;
                }
                long started = System.nanoTime();
                InProcessLumen.Result result = execute(input);
                Verdict verdict;
                String name = null;
                try {
                    verdict = Oracle.verdict(input.command(), result);
                    if (verdict == Verdict.FAILURE) {
                        name = Oracle.failureClass(result);
                    }
                } catch (RuntimeException | StackOverflowError e) { // the fuzzer's own bug: say so, and go on
                    verdict = Verdict.FAILURE;
                    name = "the fuzzer's oracle failed: " + e;
                }
                long elapsed = System.nanoTime() - started;
                figures.count(input.command(), verdict, elapsed, seed);
                if (!settings.seeds().isEmpty() && settings.progress() != null) {
                    settings.progress().printf(Locale.ROOT, "%s%n  in %.0f ms%n", describe(input, result, verdict), elapsed / 1e6);
                }
                if (verdict == Verdict.FAILURE) {
                    int index = figures.failure(name, input.command(), seed, result.err() + result.out());
                    if (index >= 0) {
                        figures.reproducer(name, keep(input, name, index, result));
                    }
                }
                progress();
            }
        }

        private InProcessLumen.Result execute(FuzzInput input) throws IOException {
            Path file = dir.resolve(input.command().fileName());
            Files.write(file, input.content());
            if (input.command().runs() && ++runs % STORE_RUNS == 0) {
                delete(store);
            }
            return switch (input.command()) {
                case CHECK_FRONT_END -> lumen.call(settings.runLimit(), () -> FrontEndRoute.check(input.content(), file), () -> "");
                case EMIT_FRONT_END -> lumen.call(settings.runLimit(), () -> FrontEndRoute.compile(input.content(), file), () -> "");
                default -> lumen.execute(settings.runLimit(), commandLine(input, file));
            };
        }

        private String[] commandLine(FuzzInput input, Path file) {
            List<String> args = new ArrayList<>();
            switch (input.command()) {
                case CHECK, CHECK_FRONT_END -> args.addAll(List.of("check", "--offline", "--color=never", file.toString()));
                case EMIT, EMIT_FRONT_END -> args.addAll(List.of("emit", "--color=never", "-o",
                        dir.resolve("output.lir.json").toString(), file.toString()));
                case RUN_DOCUMENT, RUN_MODULE -> {
                    args.addAll(List.of("run", "--offline", "--color=never", "--store", store.toString(), file.toString()));
                    args.addAll(input.arguments());
                    args.add("--engine.Compilation=false");
                }
            }
            return args.toArray(String[]::new);
        }

        /** Minimizes the first input of a failure class and writes it, its command line and output; returns its path. */
        private Path keep(FuzzInput input, String name, int index, InProcessLumen.Result result) throws IOException {
            Minimizer minimizer = new Minimizer(candidate -> {
                try {
                    InProcessLumen.Result r = execute(input.withContent(candidate));
                    return Oracle.verdict(input.command(), r) == Verdict.FAILURE && Oracle.failureClass(r).equals(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException | StackOverflowError e) {
                    return false;
                }
            }, settings.minimizeBudget());
            byte[] smaller = settings.minimizeBudget() == 0 ? input.content()
                    : input.command() == Command.RUN_MODULE ? minimizer.minimizeModule(input.content())
                    : minimizer.minimize(input.content());
            Path kept = failures.resolve(String.format(Locale.ROOT, "%02d-%s", index, slug(name)));
            Files.createDirectories(kept);
            Path reproducer = kept.resolve(input.command().fileName());
            Files.write(reproducer, smaller);
            Files.write(kept.resolve("original-" + input.command().fileName()), input.content());
            Files.writeString(kept.resolve("report.txt"), describe(input, result, Verdict.FAILURE) + "\nclass: " + name
                    + "\nminimized: lumen " + String.join(" ", commandLine(input, reproducer)) + "\n", StandardCharsets.UTF_8);
            return reproducer;
        }

        @Override
        public void close() {
            lumen.close();
        }
    }

    private static String describe(FuzzInput input, InProcessLumen.Result result, Verdict verdict) {
        return "seed " + input.seed() + ": " + input.command().label() + " of " + input.origin() + " mutated by "
                + String.join("; ", input.mutations()) + "\n  arguments: " + input.arguments() + "\n  " + verdict.label()
                + " (exit status " + result.status() + (result.timedOut() ? ", timed out" : "") + ")\n"
                + "  stdout: " + result.out().strip().lines().limit(5).reduce((a, b) -> a + "\n          " + b).orElse("")
                + "\n  stderr: " + result.err().strip().lines().limit(40).reduce((a, b) -> a + "\n          " + b).orElse("");
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static String slug(String name) {
        String s = name.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-|-$", "");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
