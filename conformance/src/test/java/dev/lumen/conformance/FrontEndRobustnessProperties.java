package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.diagnostics.JsonRenderer;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
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

/**
 * Damaged documents — truncated, with characters deleted, inserted or lines shuffled — must always come
 * back from the front end as diagnostics that point inside the document and render, never as an exception.
 */
class FrontEndRobustnessProperties {
    private static final List<String> CORPUS = loadCorpus();
    /** Characters that matter to the lexer and parser, so insertions hit interesting states. */
    private static final String SIGNIFICANT = "(){}[]\"\\\n#@:,.|-><=+end role cell if match let mut `~\t";

    private static List<String> loadCorpus() {
        Path root = Path.of("corpus");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".lm.md")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus document with one random edit applied. */
    @Provide
    Arbitrary<String> damagedDocuments() {
        Arbitrary<String> doc = Arbitraries.of(CORPUS);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 40);
        Arbitrary<Character> ch = Arbitraries.of(SIGNIFICANT.chars().mapToObj(c -> (char) c).toList());
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        return Combinators.combine(doc, where, length, ch, kind).as(FrontEndRobustnessProperties::damage);
    }

    private static String damage(String text, double where, int length, char ch, int kind) {
        int at = (int) (where * text.length());
        return switch (kind) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + length));
            case 2 -> text.substring(0, at) + String.valueOf(ch).repeat(1 + length % 3) + text.substring(at);
            case 3 -> swapLines(text, at, length);
            default -> text.substring(0, at) + text.substring(at, Math.min(text.length(), at + length * 4))
                    + text.substring(at);
        };
    }

    private static String swapLines(String text, int at, int distance) {
        String[] lines = text.split("\n", -1);
        int a = Math.min(lines.length - 1, (int) ((long) at * lines.length / Math.max(1, text.length())));
        int b = Math.min(lines.length - 1, a + distance % 5);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        return String.join("\n", lines);
    }

    @Property(tries = 1500)
    void damagedDocumentsGetDiagnosticsNeverExceptions(@ForAll("damagedDocuments") String text) {
        SourceFile file = new SourceFile("damaged.lm.md", text);
        CheckResult result = FrontEnd.check(file);
        for (Diagnostic d : result.diagnostics()) {
            Span s = d.span();
            assertTrue(s == Span.NONE || (s.line() >= 1 && s.endLine() <= file.lineCount() && s.line() <= s.endLine()),
                    () -> "span outside the document: " + d);
        }
        new HumanRenderer(false).render(file, result.diagnostics());
        JsonRenderer.render(List.of(result));
    }
}
