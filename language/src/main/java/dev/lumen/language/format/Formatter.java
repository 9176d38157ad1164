package dev.lumen.language.format;

import dev.lumen.language.FrontEndStack;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Lexer;
import dev.lumen.language.syntax.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lumen fmt} as a pure function (docs/spec/format.md): a document in, its formatted text and the edit of
 * each changed block out, or the syntax errors that stop it. Only the content of fenced `lumen` blocks changes,
 * and only its white space; everything else stays byte for byte. Every laid-out block is read back before it is
 * given out — CommonMark must see the intended lines, and the parser the same syntax tree and the lexer the same
 * comments — and a block that would not is kept as written.
 */
public final class Formatter {
    private Formatter() {
    }

    public static FormatResult format(SourceFile file) {
        return FrontEndStack.call(() -> formatHere(file));
    }

    private static FormatResult formatHere(SourceFile file) {
        Diagnostics syntax = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, new Diagnostics());
        Parser.parseDocument(document, syntax);
        if (syntax.hasErrors()) {
            return new FormatResult.Refused(syntax.sorted());
        }
        List<CodeBlock> blocks = document.blocks();
        List<List<String>> laidOut = new ArrayList<>(blocks.size());
        for (CodeBlock block : blocks) {
            List<String> lines = BlockLayout.format(block, Lexer.lexWithComments(block, new Diagnostics()));
            laidOut.add(lines.equals(texts(block)) ? null : lines);
        }
        int[] attempt = new int[blocks.size()];
        while (true) {
            Rewrite rewrite = Rewrite.of(file, blocks, laidOut, attempt);
            Set<Integer> wrong = ReadBack.failing(file, blocks, laidOut, attempt, rewrite.text());
            if (wrong.isEmpty()) {
                List<Span> kept = new ArrayList<>();
                for (int i = 0; i < blocks.size(); i++) {
                    if (attempt[i] == Rewrite.PREFIXES) {
                        kept.add(blocks.get(i).fence());
                    }
                }
                return new FormatResult.Formatted(rewrite.text(), rewrite.edits(), kept);
            }
            // A block that does not read back is tried with its next container prefix, then kept as written.
            wrong.forEach(i -> attempt[i]++);
        }
    }

    static List<String> texts(CodeBlock block) {
        return block.lines().stream().map(CodeLine::text).toList();
    }
}
