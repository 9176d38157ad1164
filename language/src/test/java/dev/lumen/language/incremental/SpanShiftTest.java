package dev.lumen.language.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.ParsedBlock;
import dev.lumen.language.syntax.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A block's parse moved to other lines is the parse of the block written on those lines: every block of the
 * examples and the conformance corpus (syntax errors included), parsed, shifted down and up, compared with a
 * fresh parse of the moved block. AST nodes and diagnostics are records, so equality covers every span.
 */
class SpanShiftTest {

    @Test
    void aShiftedParseIsTheParseOfTheMovedBlock() throws IOException {
        int blocks = 0;
        for (Path p : corpus()) {
            SourceFile file = new SourceFile(p.toString(), Files.readString(p));
            for (CodeBlock block : MarkdownExtractor.extract(file, new Diagnostics()).blocks()) {
                ParsedBlock parsed = Parser.parseBlock(block);
                for (int lines : new int[] {7, -(block.fence().line() - 1)}) {
                    assertEquals(Parser.parseBlock(moved(block, lines)), SpanShift.shift(parsed, lines), p::toString);
                }
                blocks++;
            }
        }
        assertEquals(true, blocks > 300, "blocks: " + blocks);
    }

    private static CodeBlock moved(CodeBlock block, int lines) {
        List<CodeLine> moved = block.lines().stream()
                .map(l -> new CodeLine(l.text(), l.mdLine() + lines, l.mdColumnOffset())).toList();
        Span f = block.fence();
        return new CodeBlock(moved, new Span(f.line() + lines, f.column(), f.endLine() + lines, f.endColumn()));
    }

    private static List<Path> corpus() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("..", "examples"));
                Stream<Path> conformance = Files.walk(Path.of("..", "conformance", "corpus"))) {
            return Stream.concat(examples, conformance).filter(f -> f.toString().endsWith(".lm.md")).sorted().toList();
        }
    }
}
