package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.launcher.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The `lumen test` corpus. Every document under {@code corpus/test} holds `test` blocks whose fixtures stand in
 * for its tools (lumen-v1.md §16), so effectful programs — a model call and its repair loop — run with no network
 * and always the same way. Its sibling {@code NAME.out} is the exact standard output of {@code lumen test
 * --color=never NAME.lm.md}, run in-process; the exit status is 1 when that report has a {@code FAILED} test (a
 * test written to fail, to show the message a program halts with) and 0 otherwise, with nothing on standard
 * error either way.
 *
 * <p>Update mode ({@code -Dlumen.update=true} or {@code LUMEN_UPDATE=1}) writes {@code .out} from the run and
 * reports each file it changes; review every changed golden before committing.
 */
class TestCorpusTest {
    private static final Path TESTS = Corpus.ROOT.resolve("test");
    private static final String OUT = ".out";

    @TestFactory
    Stream<DynamicTest> testDocuments() {
        return Corpus.documents(TESTS).stream().map(document -> DynamicTest.dynamicTest(Corpus.name(document),
                document.toUri(), () -> tested(document)));
    }

    private static void tested(Path document) throws IOException {
        String file = document.toAbsolutePath().normalize().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), "test", "--color=never", file);
        String report = out.toString().replace("\r\n", "\n").replace(file, Corpus.name(document));
        Path golden = Corpus.sibling(document, OUT);
        if (Corpus.updating()) {
            Corpus.update(golden, report);
        }
        if (!Files.exists(golden)) {
            fail("no expected report " + Corpus.name(golden) + " for " + Corpus.name(document) + "; create it with "
                    + Corpus.UPDATE_HINT + ", then review it. The current report:\n" + report + err);
        }
        String expected = Corpus.read(golden);
        assertEquals(expected, report, () -> Corpus.name(document) + ": the report of `lumen test`\n" + err);
        assertEquals("", err.toString(), () -> Corpus.name(document) + ": standard error");
        int failing = expected.lines().anyMatch(line -> line.startsWith("FAILED ")) ? 1 : 0;
        assertEquals(failing, status, () -> Corpus.name(document) + ": exit status\n" + report);
    }

    @Test
    void everyGoldenHasItsDocument() {
        List<String> orphans = Corpus.files(TESTS, OUT).stream()
                .filter(file -> !Files.exists(Corpus.documentOf(file, OUT)))
                .map(Corpus::name)
                .toList();
        assertEquals(List.of(), orphans, "goldens without a document (renamed or deleted?)");
    }

    @Test
    void theCorpusIsThere() {
        assertTrue(Corpus.documents(TESTS).size() >= 3, "the `lumen test` corpus was not found under " + TESTS);
    }
}
