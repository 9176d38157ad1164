package dev.lumen.language.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Helpers for the formatter's tests: formatting text, and the documents of the repository to format. */
final class Formatting {
    /** Surefire runs in the module directory. */
    private static final Path REPOSITORY = Path.of("..");

    private Formatting() {
    }

    /** The formatted text of {@code text}, which must have no syntax errors; every block must be laid out. */
    static String format(String text) {
        FormatResult.Formatted f = formatted(text);
        assertEquals(List.of(), f.keptAsWritten(), "the formatter kept a block as written");
        return f.text();
    }

    static FormatResult.Formatted formatted(String text) {
        return assertInstanceOf(FormatResult.Formatted.class, Formatter.format(new SourceFile("doc.lm.md", text)));
    }

    /** A document of one `lumen` block holding {@code code}. */
    static String block(String code) {
        return "# Doc\n\n```lumen\n" + code + "```\n";
    }

    /** Every document under examples/ and the conformance corpus. */
    static List<Path> repositoryDocuments() {
        return Stream.of("examples", "conformance/corpus").flatMap(dir -> documents(REPOSITORY.resolve(dir))).toList();
    }

    private static Stream<Path> documents(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".lm.md")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
