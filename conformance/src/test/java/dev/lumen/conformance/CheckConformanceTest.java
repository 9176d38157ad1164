package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The `lumen check` corpus. Every document under {@code corpus/check/ok} must check without a single
 * diagnostic; every document under {@code corpus/check/fail} must produce exactly the diagnostics in its
 * sibling {@code .err} file, rendered for the terminal without color. The file name inside the rendering
 * is the document's path relative to {@code corpus/}, so goldens do not depend on where the tests run.
 *
 * <p>Update mode ({@code -Dlumen.update=true} or {@code LUMEN_UPDATE=1}) rewrites the {@code .err} files
 * from the current output and reports each one it changes; review the diff before committing.
 */
class CheckConformanceTest {
    private static final Path OK = Corpus.ROOT.resolve("check/ok");
    private static final Path FAIL = Corpus.ROOT.resolve("check/fail");
    private static final String EXPECTED = ".err";
    /** The corpus must exercise the checker broadly, not with a token example or two. */
    private static final int MINIMUM_PER_KIND = 50;

    @TestFactory
    Stream<DynamicTest> okDocumentsHaveNoDiagnostics() {
        return Corpus.documents(OK).stream().map(path -> test(path, () -> {
            CheckResult result = Corpus.check(path);
            if (!result.diagnostics().isEmpty()) {
                fail(Corpus.name(path) + " should check cleanly but got:\n\n" + Corpus.render(result));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> failDocumentsMatchTheirErrFiles() {
        return Corpus.documents(FAIL).stream().map(path -> test(path, () -> {
            CheckResult result = Corpus.check(path);
            assertTrue(!result.diagnostics().isEmpty(),
                    () -> Corpus.name(path) + " is in check/fail but checks without a diagnostic");
            String actual = Corpus.render(result);
            Path expected = Corpus.sibling(path, EXPECTED);
            if (Corpus.updating()) {
                Corpus.update(expected, actual);
            } else if (!Files.exists(expected)) {
                fail("no expected output " + Corpus.name(expected) + " for " + Corpus.name(path) + "; create it from "
                        + "the current diagnostics with " + Corpus.UPDATE_HINT + ", then review it. The current "
                        + "diagnostics are:\n\n" + actual);
            } else {
                assertEquals(Corpus.read(expected), actual,
                        () -> Corpus.name(path) + " differs from " + Corpus.name(expected));
            }
        }));
    }

    private static DynamicTest test(Path document, Executable body) {
        return DynamicTest.dynamicTest(Corpus.name(document), document.toUri(), body);
    }

    @Test
    void theCorpusCoversTheChecker() {
        int ok = Corpus.documents(OK).size();
        int failing = Corpus.documents(FAIL).size();
        assertTrue(ok >= MINIMUM_PER_KIND && failing >= MINIMUM_PER_KIND, () -> "the check corpus needs at least "
                + MINIMUM_PER_KIND + " documents in each of check/ok and check/fail; it has " + ok + " and "
                + failing);
    }

    @Test
    void everyErrFileHasItsDocument() {
        List<String> orphans = Corpus.files(FAIL, EXPECTED).stream()
                .filter(err -> !Files.exists(Corpus.documentOf(err, EXPECTED)))
                .map(Corpus::name)
                .toList();
        assertEquals(List.of(), orphans, "expected outputs without a document (renamed or deleted?)");
    }
}
