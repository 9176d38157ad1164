package dev.lumen.language.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeping comments changes nothing the parser sees: the same tokens and the same diagnostics as {@link Lexer#lex}. */
class LexerCommentsTest {

    @Test
    void collectsTheCommentsOfCodeLinesOnly() {
        SourceFile file = new SourceFile("doc.lm.md", """
                ```lumen
                # above
                cell f() -> String   # header
                  let s = "not # a comment {x} # either"
                  return role system:
                    # role text, not a comment
                  end # after the role
                end
                ```
                """);
        CodeBlock block = MarkdownExtractor.extract(file, new Diagnostics()).blocks().getFirst();
        LexedBlock lexed = Lexer.lexWithComments(block, new Diagnostics());
        assertEquals(List.of(new Comment(2, 0, "# above"), new Comment(3, 21, "# header"),
                new Comment(7, 6, "# after the role")), lexed.comments());
    }

    @Test
    void givesTheTokensAndDiagnosticsOfLexOnEveryDocumentOfTheRepository() throws IOException {
        List<Path> documents;
        try (Stream<Path> walk = Stream.of(Path.of("../examples"), Path.of("../conformance/corpus")).flatMap(d -> {
            try {
                return Files.walk(d);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            documents = walk.filter(p -> p.toString().endsWith(".lm.md")).sorted().toList();
        }
        int blocks = 0;
        for (Path document : documents) {
            SourceFile file = new SourceFile(document.toString(), Files.readString(document));
            for (CodeBlock block : MarkdownExtractor.extract(file, new Diagnostics()).blocks()) {
                Diagnostics plain = new Diagnostics();
                Diagnostics withComments = new Diagnostics();
                List<Token> tokens = Lexer.lex(block, plain);
                assertEquals(tokens, Lexer.lexWithComments(block, withComments).tokens(), document.toString());
                assertEquals(plain.sorted(), withComments.sorted(), document.toString());
                blocks++;
            }
        }
        assertEquals(true, blocks > 300, blocks + " blocks");
    }
}
