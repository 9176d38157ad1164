package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.launcher.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * No deoptimization loops: every run-corpus document and every benchmark program (bench/programs, at a small n)
 * runs on the optimizing runtime with low compilation thresholds, so that its cells compile after a short,
 * real profile (not before their first call, as {@link CompiledRuns} do), and with the compilation trace
 * captured. A call target deoptimized more than {@link #MAX_DEOPTS} times (an invalidation or a deoptimizing
 * exit, {@code opt inval.} / {@code opt deopt}) fails the run, naming the target and the trace's reasons: its
 * compiled code keeps being thrown away, which a speculation that is never given up, or a profile that never
 * learns, does.
 */
class DeoptimizationLoopTest {
    /** Deoptimizations one call target may have: each unseen branch can cost one, a loop has no end. */
    static final int MAX_DEOPTS = 3;

    private static final Path BENCH = Path.of("..", "bench", "programs");
    private static final Map<String, String> BENCH_N = Map.of(
            "fib", "22", "loop", "200000", "strings", "2000", "records", "2000", "words", "20000", "hashing", "200");

    static final List<String> OPTIONS = List.of(
            "--engine.BackgroundCompilation=false",
            "--engine.FirstTierCompilationThreshold=20",
            "--engine.LastTierCompilationThreshold=100",
            "--engine.OSRCompilationThreshold=2000",
            "--engine.CompilationFailureAction=Throw",
            "--compiler.InliningRecursionDepth=4",
            "--engine.TraceCompilation=true");

    private static final Pattern EVENT =
            Pattern.compile("\\[engine] opt (deopt|inval\\.|done)\\s+engine=(\\d+)\\s+id=(\\d+)\\s+(\\S+(?: \\S+)?)\\s*\\|(.*)");

    @TempDir
    static Path temp;

    @BeforeAll
    static void optimizingRuntime() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            Assumptions.assumeFalse(engine.getImplementationName().contains("Interpreted"),
                    "the optimizing Truffle runtime is not available on this JVM (" + engine.getImplementationName()
                            + "): run it with the parent pom's lumen.jit.argLine (JVMCI, the Graal compiler on the "
                            + "upgrade module path); no deoptimization was checked");
        }
    }

    @TestFactory
    Stream<DynamicTest> corpusDocuments() {
        return Corpus.documents(Corpus.ROOT.resolve("run")).stream()
                .filter(document -> !Files.exists(Corpus.sibling(document, ".err"))) // runs that halt end early
                .map(document -> DynamicTest.dynamicTest(Corpus.name(document), document.toUri(),
                        () -> noDeoptimizationLoop(document, Corpus.arguments(document))));
    }

    @TestFactory
    Stream<DynamicTest> benchmarkPrograms() {
        assertTrue(Files.isDirectory(BENCH), "no " + BENCH.toAbsolutePath().normalize());
        return new TreeMap<>(BENCH_N).entrySet().stream().map(program -> DynamicTest.dynamicTest(program.getKey(),
                () -> noDeoptimizationLoop(BENCH.resolve(program.getKey() + Corpus.DOCUMENT),
                        List.of("--cell", "run", "--arg", "n=" + program.getValue()))));
    }

    private static void noDeoptimizationLoop(Path document, List<String> arguments) {
        List<String> args = new ArrayList<>(List.of("run", "--jit", "--color=never", "--store", temp.toString(),
                document.toAbsolutePath().normalize().toString()));
        args.addAll(arguments);
        args.addAll(OPTIONS);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        String trace = err.toString();
        assertEquals(0, status, trace);
        assertEquals(List.of(), overDeoptimized(trace), () -> "call targets of " + document
                + " deoptimized more than " + MAX_DEOPTS + " times; the trace:\n" + trace);
    }

    /** The call targets of {@code trace} deoptimized more than {@link #MAX_DEOPTS} times, with their events. */
    static List<String> overDeoptimized(String trace) {
        Map<String, List<String>> events = new TreeMap<>();
        Map<String, Integer> deopts = new TreeMap<>();
        for (String line : trace.lines().toList()) {
            Matcher m = EVENT.matcher(line);
            if (m.find()) {
                String target = m.group(4) + " (engine " + m.group(2) + ", id " + m.group(3) + ")";
                events.computeIfAbsent(target, t -> new ArrayList<>())
                        .add(m.group(1) + " " + m.group(5).replaceAll("\\s+", " ").trim());
                if (!m.group(1).equals("done")) {
                    deopts.merge(target, 1, Integer::sum);
                }
            }
        }
        return deopts.entrySet().stream().filter(e -> e.getValue() > MAX_DEOPTS)
                .map(e -> e.getKey() + ": " + e.getValue() + " deoptimizations: " + String.join("; ", events.get(e.getKey())))
                .toList();
    }
}
