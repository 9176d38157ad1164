package dev.lumen.language.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Formatting is idempotent — fmt(fmt(x)) == fmt(x) — on every document of the repository, and on documents made
 * from them by inserting white space into a few of their code lines (those that still parse: about three in four),
 * and it never has to keep a block as written.
 */
class FormatterProperties {

    @Provide
    Arbitrary<Path> documents() {
        return Arbitraries.of(Formatting.repositoryDocuments());
    }

    @Property(tries = 400)
    void formattingTwiceChangesNothing(@ForAll("documents") Path document) {
        idempotent(document.toString(), Formatting.read(document));
    }

    @Property(tries = 300)
    void formattingARespacedDocumentTwiceChangesNothing(@ForAll("documents") Path document, @ForAll long seed) {
        idempotent(document + " respaced with seed " + seed, respace(Formatting.read(document), new Random(seed)));
    }

    private static void idempotent(String what, String text) {
        FormatResult result = Formatter.format(new SourceFile("doc.lm.md", text));
        Statistics.collect(result instanceof FormatResult.Formatted ? "formatted" : "syntax errors");
        if (!(result instanceof FormatResult.Formatted once)) {
            return; // a document with syntax errors is not formatted
        }
        assertEquals(List.of(), once.keptAsWritten(), what + ": a block was kept as written");
        FormatResult.Formatted twice = Formatting.formatted(once.text());
        assertEquals(once.text(), twice.text(), what + ": formatting again changed it");
        assertEquals(List.of(), twice.edits(), what);
    }

    /**
     * The document with white space inserted into a few of its code lines, at points where white space may stand
     * (next to a space or a bracket, comma, colon or operator), or added in front of them.
     */
    static String respace(String text, Random random) {
        SourceFile file = new SourceFile("doc.lm.md", text);
        List<String> lines = new ArrayList<>();
        for (int line = 1; line <= file.lineCount(); line++) {
            lines.add(file.line(line));
        }
        List<CodeLine> code = new ArrayList<>();
        for (CodeBlock block : MarkdownExtractor.extract(file, new Diagnostics()).blocks()) {
            code.addAll(block.lines());
        }
        for (int edits = 1 + random.nextInt(4); edits > 0 && !code.isEmpty(); edits--) {
            CodeLine c = code.get(random.nextInt(code.size()));
            lines.set(c.mdLine() - 1, respaceLine(lines.get(c.mdLine() - 1), c.mdColumnOffset(), random));
        }
        return String.join("\n", lines);
    }

    private static final String BOUNDARIES = " \t()[]{},:=+-*/%<>|";

    private static String respaceLine(String line, int from, Random random) {
        String space = List.of(" ", "  ", "\t", "   ").get(random.nextInt(4));
        if (random.nextInt(4) == 0) {
            return line.substring(0, from) + space + line.substring(from);
        }
        List<Integer> points = new ArrayList<>();
        for (int i = from + 1; i < line.length(); i++) {
            if (BOUNDARIES.indexOf(line.charAt(i - 1)) >= 0 || BOUNDARIES.indexOf(line.charAt(i)) >= 0) {
                points.add(i);
            }
        }
        if (points.isEmpty()) {
            return line;
        }
        int at = points.get(random.nextInt(points.size()));
        return line.substring(0, at) + space + line.substring(at);
    }
}
