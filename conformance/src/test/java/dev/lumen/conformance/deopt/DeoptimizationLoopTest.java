package dev.lumen.conformance.deopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.conformance.Corpus;
import dev.lumen.lsp.run.LumenExecutable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * No deoptimization loops: every run-corpus document and every benchmark program (bench/programs, at a small n)
 * runs on the optimizing runtime with low compilation thresholds ({@link TracedRuns#OPTIONS}), so that its cells
 * compile after a short, real profile, and a call target whose compiled code is thrown away (deoptimized or
 * invalidated) more than {@link #MAX_THROWN_AWAY} times fails the run, naming the target and its trace: a
 * speculation that is never given up, or a profile that never learns, does that without end.
 *
 * <p>The runs happen in a JVM of their own ({@link TracedRuns}), started fresh as {@code lumen run --jit} is:
 * when a test JVM has run other tests first (the pipeline fuzzer's thousands of programs), the same documents
 * compile at other points of their run and throw more versions away, so the count would depend on which tests
 * ran before. Each run has an engine and a compilation log of its own.
 */
class DeoptimizationLoopTest {
    /** Versions of compiled code one call target may lose: each unseen type or branch can cost one. */
    static final int MAX_THROWN_AWAY = 3;

    private static final Path BENCH = Path.of("..", "bench", "programs");
    private static final Map<String, String> BENCH_N = new TreeMap<>(Map.of(
            "fib", "22", "loop", "200000", "strings", "20000", "records", "20000", "words", "20000", "hashing", "200"));

    @TempDir
    static Path runs;

    /** Why the check cannot run on this JVM, or null when it can. */
    private static String noOptimizingRuntime() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            return !engine.getImplementationName().contains("Interpreted") ? null
                    : "the optimizing Truffle runtime is not available on this JVM (" + engine.getImplementationName()
                            + "): run it with the parent pom's lumen.jit.argLine (JVMCI, the Graal compiler on the "
                            + "upgrade module path); no deoptimization was checked";
        }
    }

    /** Runs every program in a fresh JVM ({@link TracedRuns}), its outputs in {@link #runs}; their names in order. */
    private static List<String> runEveryProgramTraced() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        for (Path document : Corpus.documents(Corpus.ROOT.resolve("run"))) {
            if (!Files.exists(Corpus.sibling(document, ".err"))) { // a run that halts ends before it is profiled
                names.add(Corpus.name(document));
                jobs.add(job(document, Corpus.arguments(document)));
            }
        }
        assertTrue(Files.isDirectory(BENCH), "no " + BENCH.toAbsolutePath().normalize());
        BENCH_N.forEach((program, n) -> {
            names.add("bench/" + program);
            jobs.add(job(BENCH.resolve(program + Corpus.DOCUMENT), List.of("--cell", "run", "--arg", "n=" + n)));
        });
        Path jobsFile = Files.write(runs.resolve("jobs"), jobs);
        Path output = runs.resolve("runner.out");
        List<String> command = LumenExecutable.currentJvm(TracedRuns.class.getName())
                .commandLine(List.of(runs.toString(), jobsFile.toString()));
        Process runner = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        int status = runner.waitFor();
        assertEquals(0, status, () -> "the traced runs stopped early:\n" + read(output));
        return names;
    }

    private static String job(Path document, List<String> arguments) {
        List<String> words = new ArrayList<>();
        words.add(document.toAbsolutePath().normalize().toString());
        words.addAll(arguments);
        return String.join("\t", words);
    }

    @TestFactory
    Stream<DynamicTest> everyProgram() throws IOException, InterruptedException {
        String unavailable = noOptimizingRuntime();
        if (unavailable != null) { // a skipped test that says why, where a skipped class would say nothing
            return Stream.of(DynamicTest.dynamicTest("the optimizing runtime", () -> Assumptions.abort(unavailable)));
        }
        List<String> names = runEveryProgramTraced();
        return IntStream.range(0, names.size()).mapToObj(n -> DynamicTest.dynamicTest(names.get(n), () -> {
            String printed = read(runs.resolve(n + ".out"));
            assertEquals("0", read(runs.resolve(n + ".status")), () -> names.get(n) + " failed:\n" + printed);
            Path logFile = runs.resolve(n + ".log");
            String log = Files.exists(logFile) ? read(logFile) : ""; // an engine that logged nothing made no file
            CompilationTrace trace = CompilationTrace.of(log);
            if (names.get(n).startsWith("bench/")) { // the benchmarks run long enough that cells must compile
                assertTrue(trace.compiledACell(), () -> "no cell of " + names.get(n) + " was compiled, so nothing "
                        + "was checked; the compilation log:\n" + log);
            }
            assertEquals(List.of(), trace.thrownAwayMoreThan(MAX_THROWN_AWAY), () -> "call targets of "
                    + names.get(n) + " threw away compiled code more than " + MAX_THROWN_AWAY + " times");
        }));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
