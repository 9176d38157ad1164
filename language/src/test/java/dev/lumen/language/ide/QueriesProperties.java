package dev.lumen.language.ide;

import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every query at every kind of position answers without an exception: random offsets (past the end and before
 * the start included) in the examples and the conformance corpus, whole and cut short at a random point (as a
 * document is while it is typed).
 */
class QueriesProperties {

    @Property(tries = 300)
    void everyQueryAnswers(@ForAll("documents") Path document, @ForAll double cut,
            @ForAll @IntRange(min = -5, max = 6000) int offset) throws IOException {
        String text = Files.readString(document);
        String typed = text.substring(0, (int) (Math.abs(cut) % 1 * text.length()));
        for (String t : List.of(text, typed)) {
            Analysis a = new DocumentSession(new SourceFile("doc.lm.md", t), Project.none()).current();
            Queries.all(a, offset);
            Queries.all(a, offset % Math.max(1, t.length()));
            a.outline();
        }
    }

    @Provide
    Arbitrary<Path> documents() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("..", "examples"));
                Stream<Path> corpus = Files.walk(Path.of("..", "conformance", "corpus"))) {
            return Arbitraries.of(Stream.concat(examples, corpus).filter(p -> p.toString().endsWith(".lm.md"))
                    .sorted().toList());
        }
    }
}
