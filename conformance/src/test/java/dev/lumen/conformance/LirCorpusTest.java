package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.launcher.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `lumen run` corpus of broken LIR modules. Every {@code corpus/lir/NAME.lir.json} is a module that once made
 * the interpreter fail with a Java exception (an internal error, exit status 101) — most of them found by the
 * pipeline fuzzer and shrunk by it. Each must now be refused before anything runs: exit status 1, nothing on
 * standard output, and on standard error exactly its sibling {@code NAME.err} (the verifier's problems; paths
 * relative to {@code corpus/}).
 *
 * <p>Update mode ({@code -Dlumen.update=true} or {@code LUMEN_UPDATE=1}) writes the {@code .err} goldens.
 */
class LirCorpusTest {
    private static final Path LIR = Corpus.ROOT.resolve("lir");
    private static final String MODULE = ".lir.json";
    private static final String ERR = ".err";

    @TempDir
    static Path store;

    @TestFactory
    Stream<DynamicTest> brokenModulesAreRefusedBeforeTheyRun() {
        return Corpus.files(LIR, MODULE).stream().map(module -> DynamicTest.dynamicTest(Corpus.name(module),
                module.toUri(), () -> refused(module)));
    }

    private static void refused(Path module) throws IOException {
        String file = module.toAbsolutePath().normalize().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--offline", "--color=never",
                "--store", store.toString(), file);
        String stderr = err.toString().replace("\r\n", "\n").replace(file, Corpus.name(module));
        Path golden = module.resolveSibling(module.getFileName().toString().replace(MODULE, ERR));
        if (Corpus.updating() && status == 1) {
            Corpus.update(golden, stderr);
        }
        assertEquals(1, status, () -> Corpus.name(module) + ": exit status\n" + stderr);
        assertEquals("", out.toString(), Corpus.name(module) + ": standard output");
        if (!Files.exists(golden)) {
            fail("no " + Corpus.name(golden) + " for " + Corpus.name(module) + "; create it with " + Corpus.UPDATE_HINT
                    + ". The run printed:\n" + stderr);
        }
        assertEquals(Corpus.read(golden), stderr, Corpus.name(module) + ": standard error");
    }

    @Test
    void theCorpusHasModulesAndEveryGoldenItsModule() {
        List<Path> modules = Corpus.files(LIR, MODULE);
        assertTrue(modules.size() >= 8, "the LIR corpus has " + modules.size() + " modules");
        List<String> orphans = Corpus.files(LIR, ERR).stream()
                .filter(e -> !Files.exists(e.resolveSibling(e.getFileName().toString().replace(ERR, MODULE))))
                .map(Corpus::name).toList();
        assertEquals(List.of(), orphans, "goldens without a module");
    }
}
