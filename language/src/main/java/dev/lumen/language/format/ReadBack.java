package dev.lumen.language.format;

import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.Comment;
import dev.lumen.language.syntax.Lexer;
import dev.lumen.language.syntax.Parser;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a formatted document back as the front end will: a laid-out block passes when CommonMark gives it exactly
 * the intended lines, and it lexes and parses without errors to the same syntax tree (positions aside) with the
 * same comments.
 */
final class ReadBack {
    private ReadBack() {
    }

    /** The blocks of {@code formatted} that do not pass, among those that changed and are not kept as written. */
    static Set<Integer> failing(SourceFile original, List<CodeBlock> blocks, List<List<String>> laidOut,
            int[] attempt, String formatted) {
        Set<Integer> wrong = new TreeSet<>();
        SourceFile file = new SourceFile(original.name(), formatted, original.path().orElse(null));
        List<CodeBlock> read = MarkdownExtractor.extract(file, new Diagnostics()).blocks();
        for (int i = 0; i < blocks.size(); i++) {
            if (laidOut.get(i) == null || attempt[i] == Rewrite.PREFIXES) {
                continue;
            }
            if (read.size() != blocks.size() || !Formatter.texts(read.get(i)).equals(laidOut.get(i))
                    || !sameCode(original, blocks.get(i), file, read.get(i))) {
                wrong.add(i);
            }
        }
        return wrong;
    }

    private static boolean sameCode(SourceFile originalFile, CodeBlock original, SourceFile file, CodeBlock formatted) {
        Diagnostics diagnostics = new Diagnostics();
        Program after = Parser.parse(new LumenDocument(file, List.of(), List.of(formatted)), diagnostics);
        if (diagnostics.hasErrors()) {
            return false;
        }
        Program before = Parser.parse(new LumenDocument(originalFile, List.of(), List.of(original)), new Diagnostics());
        return SameSyntax.equal(before, after) && comments(original).equals(comments(formatted));
    }

    private static List<String> comments(CodeBlock block) {
        return Lexer.lexWithComments(block, new Diagnostics()).comments().stream()
                .map(Comment::text).map(String::stripTrailing).toList();
    }
}
