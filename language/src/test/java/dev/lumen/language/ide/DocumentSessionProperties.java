package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever edits an editor makes, an open document reports exactly what `lumen check` reports for the text it
 * ends with: random edits (typing, deleting, line breaks, fences, brackets, keywords) applied one by one to the
 * examples and the conformance corpus, each version compared with a check of its whole text.
 */
class DocumentSessionProperties {
    private static final List<Path> CORPUS = corpus();

    /** An edit at a fraction of the text: how much it deletes and what it inserts. */
    record Edit(double at, int delete, String insert) {
    }

    @Property(tries = 400)
    void editsReportWhatACheckOfTheWholeTextReports(@ForAll("documents") Path document,
            @ForAll("edits") List<Edit> edits) throws IOException {
        String text = Files.readString(document);
        DocumentSession session = new DocumentSession(new SourceFile(document.toString(), text), Project.none());
        for (Edit e : edits) {
            String current = session.current().text();
            int at = (int) (e.at() * current.length());
            Analysis a = session.edit(at, at + e.delete(), e.insert());
            Statistics.label("path").collect(a.reuse().route());
            SourceFile file = new SourceFile(document.toString(), a.text());
            assertEquals(FrontEnd.check(file).diagnostics(), a.diagnostics(), () -> "after edits, text:\n" + a.text());
            // What the extractor finds is found again, headings and directives included.
            LumenDocument fresh = MarkdownExtractor.extract(file, new Diagnostics());
            LumenDocument kept = a.checked().document();
            assertEquals(fresh.blocks(), kept.blocks());
            assertEquals(fresh.directives(), kept.directives());
            assertEquals(fresh.headings(), kept.headings());
            assertEquals(fresh.settings(), kept.settings());
        }
    }

    @Provide
    Arbitrary<Path> documents() {
        return Arbitraries.of(CORPUS);
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.of("", "x", "1", " ", "\n", "\n\n", ".", "(", ")", "{", "}", "[", "]", ":", ",", "\"",
                        "#", "|", "->", "=", "`", "```", "```lumen\n", "~~~", "\t", "@", "> ", "- ", "  "),
                Arbitraries.of("end", "let y = 1", "cell f() -> Int", "record R", "match x", "return", "word ", "--",
                        "===", "1.", "-->", "<!--", " lumen", "[a]: /b", "\"t\"", " - - -", "* ", "## ",
                        "\nend\n", "  let z = ", "use tool json.parse as P", "grant P", "@trace off\n", "# H\n"),
                Arbitraries.strings().withChars("abc XYZ_09+-*/(){}[]<>=!.,:;\"'`~#@\n\t\\").ofMaxLength(6));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 4).edgeCases(c -> c.includeOnly(0)), insert).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(12);
    }

    private static List<Path> corpus() {
        try (Stream<Path> examples = Files.list(Path.of("..", "examples"));
                Stream<Path> conformance = Files.walk(Path.of("..", "conformance", "corpus"))) {
            return Stream.concat(examples, conformance.filter(p -> p.toString().contains("/check/")
                            || p.getFileName().toString().hashCode() % 4 == 0))
                    .filter(p -> p.toString().endsWith(".lm.md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
