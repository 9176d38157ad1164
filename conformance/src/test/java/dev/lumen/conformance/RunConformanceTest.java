package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.CheckResult;
import dev.lumen.launcher.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `lumen run` corpus. Every document under {@code corpus/run} is a program whose entry cell computes
 * something deterministic. Its sibling {@code NAME.out} holds the exact standard output of a successful run
 * (exit status 0, nothing on standard error); {@code NAME.err} holds the exact standard error of a run that
 * halts or fails (exit status 1, nothing on standard output). An optional {@code NAME.args} holds further
 * command-line arguments, one per line (blank lines ignored), e.g. {@code --cell} / {@code score} or
 * {@code --arg} / {@code text=hello}.
 *
 * <p>Each document is run in-process through the launcher ({@code lumen run FILE ARGS…}), and must:
 * <ul>
 *   <li>check without a single diagnostic (a run document is a valid program, warnings included);
 *   <li>give its golden output on the interpreter with default options;
 *   <li>give the same output when every cell is compiled before it runs ({@link #COMPILED});
 *   <li>give the same output when its LIR module is emitted with {@code lumen emit} and that
 *       {@code .lir.json} file is run instead (errors still point into the document).
 * </ul>
 * Paths in the output are shown relative to {@code corpus/}, as in the check corpus, so goldens do not depend
 * on where the tests run.
 *
 * <p>Update mode ({@code -Dlumen.update=true} or {@code LUMEN_UPDATE=1}) writes {@code .out} or
 * {@code .err} from the interpreted run (removing the other one) and reports each file it changes; review
 * every changed golden against what the program should compute before committing.
 */
class RunConformanceTest {
    private static final Path RUN = Corpus.ROOT.resolve("run");
    private static final String OUT = ".out";
    private static final String ERR = ".err";
    /** Polyglot options that compile every cell on its first call, synchronously, and fail on a bailout. */
    static final List<String> COMPILED = CompiledRuns.OPTIONS;
    /** The corpus must exercise the whole pure language, not a token example or two. */
    private static final int MINIMUM_DOCUMENTS = 60;
    private static final int MINIMUM_FAILING = 10;
    private static final int OK = 0;
    private static final int FAILED = 1;

    @TempDir
    static Path temp;

    /** What one {@code lumen} command did. */
    record Outcome(int status, String out, String err) {
    }

    @TestFactory
    Stream<DynamicNode> runDocuments() {
        return Corpus.documents(RUN).stream().map(document -> DynamicContainer.dynamicContainer(
                Corpus.name(document), document.toUri(), Stream.of(
                        test("checks cleanly", document, () -> checksCleanly(document)),
                        test("interpreted", document, () -> interpreted(document)),
                        test("compiled", document, () -> compiled(document)),
                        test("LIR round trip", document, () -> roundTrip(document)))));
    }

    private static DynamicTest test(String what, Path document, Executable body) {
        return DynamicTest.dynamicTest(what, document.toUri(), body);
    }

    private static void checksCleanly(Path document) throws IOException {
        CheckResult result = Corpus.check(document);
        if (!result.diagnostics().isEmpty()) {
            fail(Corpus.name(document) + " should check cleanly but got:\n\n" + Corpus.render(result));
        }
    }

    private static void interpreted(Path document) throws IOException {
        Outcome actual = run(document, List.of());
        if (Corpus.updating()) {
            switch (actual.status()) {
                case OK -> {
                    Corpus.update(Corpus.sibling(document, OUT), actual.out());
                    Corpus.remove(Corpus.sibling(document, ERR));
                }
                case FAILED -> {
                    Corpus.update(Corpus.sibling(document, ERR), actual.err());
                    Corpus.remove(Corpus.sibling(document, OUT));
                }
                default -> fail(Corpus.name(document) + " exited with " + actual.status() + "; no golden written:\n"
                        + actual.err());
            }
        }
        assertMatches(document, "", expected(document, actual), actual);
    }

    private static void compiled(Path document) throws IOException {
        assertMatches(document, " (compiled: " + String.join(" ", COMPILED) + ")", expected(document, null),
                run(document, COMPILED));
    }

    private static void roundTrip(Path document) throws IOException {
        Outcome expected = expected(document, null);
        Path lir = temp.resolve(Corpus.name(document).replace('/', '_').replace(Corpus.DOCUMENT, ".lir.json"));
        Outcome emit = lumen("emit", "--color=never", "-o", lir.toString(), absolute(document));
        assertEquals(OK, emit.status(), () -> "lumen emit " + Corpus.name(document) + " failed:\n" + emit.err());
        // The module's source map names the document as emit was given it; errors point into the document.
        Outcome viaLir = normalized(normalized(lumen(command(lir.toString(), document, List.of())), lir, document),
                Path.of(absolute(document)), document);
        assertMatches(document, " (run from its emitted LIR module)", expected, viaLir);
    }

    /** The golden outcome; without one, fails with the current output ({@code actual}) when it is known. */
    private static Outcome expected(Path document, Outcome actual) {
        Path out = Corpus.sibling(document, OUT);
        Path err = Corpus.sibling(document, ERR);
        boolean hasOut = Files.exists(out);
        boolean hasErr = Files.exists(err);
        if (hasOut && hasErr) {
            fail(Corpus.name(document) + " has both " + Corpus.name(out) + " and " + Corpus.name(err)
                    + "; keep the one that applies");
        }
        if (!hasOut && !hasErr) {
            fail("no expected output (" + Corpus.name(out) + " or " + Corpus.name(err) + ") for "
                    + Corpus.name(document) + "; create it with " + Corpus.UPDATE_HINT + ", then review it"
                    + (actual == null ? "." : ". The current run exits with " + actual.status()
                            + "\nstdout:\n" + actual.out() + "\nstderr:\n" + actual.err()));
        }
        return hasOut ? new Outcome(OK, Corpus.read(out), "") : new Outcome(FAILED, "", Corpus.read(err));
    }

    private static void assertMatches(Path document, String how, Outcome expected, Outcome actual) {
        String name = Corpus.name(document) + how;
        assertEquals(expected.status(), actual.status(),
                () -> name + ": exit status\nstdout:\n" + actual.out() + "\nstderr:\n" + actual.err());
        assertEquals(expected.out(), actual.out(), () -> name + ": standard output");
        assertEquals(expected.err(), actual.err(), () -> name + ": standard error");
    }

    /** Runs {@code lumen run DOCUMENT ARGS… OPTIONS…} in-process, with paths shown relative to the corpus. */
    private static Outcome run(Path document, List<String> options) {
        String file = absolute(document);
        return normalized(lumen(command(file, document, options)), Path.of(file), document);
    }

    private static String[] command(String file, Path document, List<String> options) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.add("--color=never");
        args.add("--store");
        args.add(temp.toString()); // traces and cached tool outputs go here, not beside the corpus
        args.add(file);
        args.addAll(Corpus.arguments(document));
        args.addAll(options);
        return args.toArray(String[]::new);
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /** Replaces the path {@code ran} was given as with the document's corpus name. */
    private static Outcome normalized(Outcome outcome, Path ran, Path document) {
        String given = ran.toString();
        String name = Corpus.name(document);
        return new Outcome(outcome.status(), outcome.out().replace(given, name), outcome.err().replace(given, name));
    }

    private static Outcome lumen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(status, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    /** The compiled runs are worth something only if cells really are compiled: trace one run's compilations. */
    @Test
    void compiledRunsCompileTheCells() {
        Path document = RUN.resolve("recursion/ackermann.lm.md");
        List<String> options = new ArrayList<>(COMPILED);
        options.add("--engine.TraceCompilation=true");
        Outcome traced = run(document, options);
        assertEquals(OK, traced.status(), traced::err);
        assertEquals(Corpus.read(Corpus.sibling(document, OUT)), traced.out());
        assertTrue(traced.err().lines().anyMatch(line -> line.contains("opt done") && line.contains("cell ackermann")),
                () -> "no compilation of `ackermann` in the trace:\n" + traced.err());
    }

    @Test
    void theCorpusCoversTheLanguage() {
        List<Path> documents = Corpus.documents(RUN);
        long failing = documents.stream().filter(d -> Files.exists(Corpus.sibling(d, ERR))).count();
        assertTrue(documents.size() >= MINIMUM_DOCUMENTS && failing >= MINIMUM_FAILING,
                () -> "the run corpus needs at least " + MINIMUM_DOCUMENTS + " documents, at least "
                        + MINIMUM_FAILING + " of them with a " + ERR + " golden; it has " + documents.size()
                        + " and " + failing);
    }

    @Test
    void everyGoldenAndSidecarHasItsDocument() {
        List<String> orphans = Stream.of(OUT, ERR, Corpus.ARGS)
                .flatMap(suffix -> Corpus.files(RUN, suffix).stream()
                        .filter(file -> !Files.exists(Corpus.documentOf(file, suffix))))
                .map(Corpus::name)
                .sorted()
                .toList();
        assertEquals(List.of(), orphans, "goldens or argument files without a document (renamed or deleted?)");
    }
}
