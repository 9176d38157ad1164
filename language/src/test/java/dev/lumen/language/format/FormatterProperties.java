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

/**
 * Formatting is idempotent — fmt(fmt(x)) == fmt(x) — on every document of the repository, and on documents made
 * from them by scattering spaces and moving lines' indentation inside their `lumen` blocks (those that still parse),
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
        if (!(Formatter.format(new SourceFile("doc.lm.md", text)) instanceof FormatResult.Formatted once)) {
            return; // a document with syntax errors is not formatted
        }
        assertEquals(List.of(), once.keptAsWritten(), what + ": a block was kept as written");
        FormatResult.Formatted twice = Formatting.formatted(once.text());
        assertEquals(once.text(), twice.text(), what + ": formatting again changed it");
        assertEquals(List.of(), twice.edits(), what);
    }

    /** The document with spaces inserted at random points of its code lines and some lines' indentation changed. */
    static String respace(String text, Random random) {
        SourceFile file = new SourceFile("doc.lm.md", text);
        List<String> lines = new ArrayList<>();
        for (int line = 1; line <= file.lineCount(); line++) {
            lines.add(file.line(line));
        }
        for (CodeBlock block : MarkdownExtractor.extract(file, new Diagnostics()).blocks()) {
            for (CodeLine code : block.lines()) {
                if (random.nextInt(3) == 0) {
                    lines.set(code.mdLine() - 1, respaceLine(lines.get(code.mdLine() - 1), code.mdColumnOffset(), random));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String respaceLine(String line, int from, Random random) {
        StringBuilder b = new StringBuilder(line);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = from + random.nextInt(b.length() - from + 1);
            switch (random.nextInt(4)) {
                case 0 -> b.insert(at, ' ');
                case 1 -> b.insert(at, "\t");
                case 2 -> b.insert(from, "  ");
                default -> {
                    if (at < b.length() && b.charAt(at) == ' ') {
                        b.deleteCharAt(at);
                    }
                }
            }
        }
        return b.toString();
    }
}
