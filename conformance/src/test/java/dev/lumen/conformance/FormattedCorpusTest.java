package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.format.FormatResult;
import dev.lumen.language.format.Formatter;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every document of the examples and of the corpus is formatted (docs/spec/format.md §12), as
 * {@code lumen fmt --check} would find: formatting it changes nothing. Documents with syntax errors cannot be
 * formatted and are left out — they must be documents of {@code check/fail}, which exist to have errors — and so
 * are the documents of {@link #EXCLUDED}, whose layout is what they test.
 */
class FormattedCorpusTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String FORMAT_HINT = "format it with `bin/lumen fmt FILE`, then review the diff (and the "
            + "goldens beside it: `LUMEN_UPDATE=1` regenerates them, only positions may change)";

    /** Documents kept as they are written, by their corpus name, each with why its layout matters. */
    static final Map<String, String> EXCLUDED = Map.of(
            "check/ok/crlf_line_endings.lm.md", "indents its code with tabs, which the lexer must read as columns");

    private static List<Path> documents() {
        return Stream.concat(Corpus.documents(EXAMPLES).stream(), Corpus.documents(Corpus.ROOT).stream()).toList();
    }

    private static String name(Path document) {
        return document.startsWith(Corpus.ROOT) ? Corpus.name(document) : document.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentIsFormatted() {
        return documents().stream().filter(d -> !EXCLUDED.containsKey(name(d))).map(document -> DynamicTest.dynamicTest(
                name(document), document.toUri(), () -> formatted(document)));
    }

    private static void formatted(Path document) throws IOException {
        String text = Files.readString(document);
        switch (Formatter.format(new SourceFile(name(document), text, document))) {
            case FormatResult.Refused refused -> assertTrue(name(document).startsWith("check/fail/"),
                    () -> name(document) + " has syntax errors, so it cannot be formatted: "
                            + refused.diagnostics().getFirst().message());
            case FormatResult.Formatted formatted -> {
                assertEquals(List.of(), formatted.keptAsWritten(), name(document) + ": a block was kept as written");
                if (formatted.changed()) {
                    fail(name(document) + " is not formatted: " + FORMAT_HINT);
                }
            }
        }
    }

    @Test
    void everyExclusionNamesADocumentThatIsNotFormatted() throws IOException {
        for (String name : EXCLUDED.keySet()) {
            Path document = Corpus.ROOT.resolve(name);
            assertTrue(Files.exists(document), "the exclusion " + name + " names no document");
            FormatResult result = Formatter.format(new SourceFile(name, Files.readString(document)));
            assertTrue(result instanceof FormatResult.Formatted f && f.changed(),
                    name + " is formatted already: drop it from the exclusions");
        }
    }

    @Test
    void theExamplesAreChecked() {
        assertTrue(Corpus.documents(EXAMPLES).size() >= 5, "the examples were not found");
    }
}
