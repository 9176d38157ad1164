package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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
    /** Surefire runs tests in the module directory. */
    private static final Path CORPUS = Path.of("corpus");
    private static final Path OK = CORPUS.resolve("check/ok");
    private static final Path FAIL = CORPUS.resolve("check/fail");
    private static final String DOCUMENT = ".lm.md";
    private static final String EXPECTED = ".err";
    /** The corpus must exercise the checker broadly, not with a token example or two. */
    private static final int MINIMUM_PER_KIND = 50;

    @TestFactory
    Stream<DynamicTest> okDocumentsHaveNoDiagnostics() {
        return documents(OK).stream().map(path -> DynamicTest.dynamicTest(name(path), path.toUri(), () -> {
            CheckResult result = check(path);
            if (!result.diagnostics().isEmpty()) {
                fail(name(path) + " should check cleanly but got:\n\n" + render(result));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> failDocumentsMatchTheirErrFiles() {
        return documents(FAIL).stream().map(path -> DynamicTest.dynamicTest(name(path), path.toUri(), () -> {
            CheckResult result = check(path);
            assertTrue(!result.diagnostics().isEmpty(),
                    () -> name(path) + " is in check/fail but checks without a diagnostic");
            String actual = render(result);
            Path expected = expectedFile(path);
            if (updating()) {
                update(expected, actual);
            } else if (!Files.exists(expected)) {
                fail("no expected output " + name(expected) + " for " + name(path) + "; create it from the current "
                        + "diagnostics with `LUMEN_UPDATE=1 bin/test -pl conformance -am` (or -Dlumen.update=true), "
                        + "then review it. The current diagnostics are:\n\n" + actual);
            } else {
                assertEquals(read(expected), actual, () -> name(path) + " differs from " + name(expected));
            }
        }));
    }

    @Test
    void theCorpusCoversTheChecker() {
        int ok = documents(OK).size();
        int failing = documents(FAIL).size();
        assertTrue(ok >= MINIMUM_PER_KIND && failing >= MINIMUM_PER_KIND, () -> "the check corpus needs at least "
                + MINIMUM_PER_KIND + " documents in each of check/ok and check/fail; it has " + ok + " and "
                + failing);
    }

    @Test
    void everyErrFileHasItsDocument() {
        List<String> orphans = files(FAIL, EXPECTED).stream()
                .filter(err -> !Files.exists(documentOf(err)))
                .map(CheckConformanceTest::name)
                .toList();
        assertEquals(List.of(), orphans, "expected outputs without a document (renamed or deleted?)");
    }

    /** Documents are checked byte for byte as stored, line ends included. */
    private static CheckResult check(Path path) throws IOException {
        return FrontEnd.check(new SourceFile(name(path), Files.readString(path)));
    }

    private static String render(CheckResult result) {
        return new HumanRenderer(false).render(result.file(), result.diagnostics());
    }

    private static boolean updating() {
        return Boolean.getBoolean("lumen.update") || "1".equals(System.getenv("LUMEN_UPDATE"));
    }

    private static void update(Path expected, String actual) throws IOException {
        boolean exists = Files.exists(expected);
        if (exists && read(expected).equals(actual)) {
            return;
        }
        Files.writeString(expected, actual);
        System.out.println("lumen.update: " + (exists ? "rewrote " : "created ") + name(expected));
    }

    private static List<Path> documents(Path dir) {
        return files(dir, DOCUMENT);
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path expectedFile(Path document) {
        String file = document.getFileName().toString();
        return document.resolveSibling(file.substring(0, file.length() - DOCUMENT.length()) + EXPECTED);
    }

    private static Path documentOf(Path expected) {
        String file = expected.getFileName().toString();
        return expected.resolveSibling(file.substring(0, file.length() - EXPECTED.length()) + DOCUMENT);
    }

    /** The path relative to the corpus root with `/` separators, as documents are named in goldens. */
    private static String name(Path path) {
        return CORPUS.relativize(path).toString().replace('\\', '/');
    }

    /** Goldens compare with `\n` line ends, whatever a checkout did to them. */
    private static String read(Path path) {
        try {
            return Files.readString(path).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
