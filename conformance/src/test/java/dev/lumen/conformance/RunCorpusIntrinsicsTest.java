package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.check.CallTarget;
import dev.lumen.language.check.Checker;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.Parser;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every intrinsic of the registry is called by a document of the run corpus, which {@link RunConformanceTest}
 * runs interpreted and with every cell compiled: so each intrinsic's implementation runs compiled, under the
 * partial evaluator's checks, at least once.
 */
class RunCorpusIntrinsicsTest {

    @Test
    void theRunCorpusCallsEveryIntrinsic() throws IOException {
        Set<String> called = new TreeSet<>();
        for (Path document : Corpus.documents(Corpus.ROOT.resolve("run"))) {
            Diagnostics diagnostics = new Diagnostics();
            SourceFile file = new SourceFile(Corpus.name(document), Files.readString(document));
            var checked = Checker.check(Parser.parse(MarkdownExtractor.extract(file, diagnostics), diagnostics),
                    diagnostics);
            for (CallTarget target : checked.callTargets().values()) {
                if (target instanceof CallTarget.Intrinsic in) {
                    called.add(in.intrinsic().name());
                }
            }
        }
        List<String> missing = Intrinsic.definitions().stream().map(IntrinsicDef::name)
                .filter(name -> !called.contains(name)).toList();
        assertEquals(List.of(), missing, "intrinsics that no document of corpus/run calls: call each in "
                + "run/intrinsics/every_intrinsic_once.lm.md");
    }
}
