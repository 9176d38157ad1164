package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceVerifier;
import dev.lumen.runtime.trace.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contexts of one engine share a document's linked program, and each keeps what is its own: its effects (its
 * store, its trace) and its diagnostics. The daemon runs every command so.
 */
class SharedProgramsTest {
    @TempDir
    Path folder;
    private Engine engine;

    @BeforeEach
    void engine() {
        engine = Engine.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Context context(Path store, ByteArrayOutputStream err) {
        Context.Builder b = Context.newBuilder(LumenLanguage.ID).engine(engine).err(err);
        if (store != null) {
            b.option("lumen.Store", store.toString());
        }
        return b.build();
    }

    private Value eval(Context context, Path document) throws IOException {
        return context.eval(Source.newBuilder(LumenLanguage.ID, document.toFile()).build());
    }

    private Path document(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private static void assertVerifiedRuns(Path store, int count) throws IOException {
        List<String> runs = EmbeddedEffectsTest.runs(store);
        assertEquals(count, runs.size(), store + ": " + runs);
        for (String run : runs) {
            Verification v = TraceVerifier.verify(Store.at(store), run);
            assertTrue(v.ok() && v.finished(), run + ": " + v.problem());
        }
    }

    @Test
    void eachContextsRunsReportToItsOwnStore() throws IOException {
        Path document = document("effects.lm.md", EmbeddedEffectsTest.DOCUMENT);
        Path first = Files.createDirectories(folder.resolve("first"));
        Path second = Files.createDirectories(folder.resolve("second"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Context a = context(first, err); Context b = context(second, err); Context untraced = context(null, err)) {
            Value ma = eval(a, document);
            Value mb = eval(b, document);
            Value mu = eval(untraced, document);
            assertEquals(3, ma.invokeMember("measure", "[1]").asLong());
            assertEquals(5, mb.invokeMember("measure", "[1,2]").asLong());
            assertEquals(5, mb.invokeMember("measure", "[1, 2]").asLong());
            assertEquals(3, mu.invokeMember("measure", "[7]").asLong());
        }
        assertVerifiedRuns(first, 1);
        assertVerifiedRuns(second, 2);
        assertEquals(List.of(), EmbeddedEffectsTest.runs(folder), "an untraced context records nothing");
    }

    @Test
    void concurrentContextsRunTheSameProgramEachWithItsEffects() throws Exception {
        Path document = document("effects.lm.md", EmbeddedEffectsTest.DOCUMENT);
        int contexts = 3;
        int calls = 15;
        ExecutorService pool = Executors.newFixedThreadPool(contexts);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int c = 0; c < contexts; c++) {
                Path store = Files.createDirectories(folder.resolve("store" + c));
                int offset = c;
                sums.add(pool.submit(() -> {
                    try (Context context = context(store, new ByteArrayOutputStream())) {
                        Value module = eval(context, document);
                        long sum = 0;
                        for (int i = 0; i < calls; i++) {
                            sum += module.invokeMember("measure", "[" + (offset * 1000 + i) + "]").asLong();
                        }
                        return sum;
                    }
                }));
            }
            for (int c = 0; c < contexts; c++) {
                long expected = 0;
                for (int i = 0; i < calls; i++) {
                    expected += ("[" + (c * 1000 + i) + "]").length();
                }
                assertEquals(expected, sums.get(c).get());
                assertVerifiedRuns(folder.resolve("store" + c), calls);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyContextGetsTheDocumentsDiagnostics() throws IOException {
        Path warned = document("warn.lm.md", """
                ```lumen
                cell run() -> Int
                  let unused = 1
                  return 2
                end
                ```
                """);
        Path broken = document("broken.lm.md", """
                ```lumen
                cell run() -> Int
                  return "two"
                end
                ```
                """);
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (Context context = context(null, err)) {
                assertEquals(2, eval(context, warned).getMember("run").execute().asInt());
                PolyglotException e = assertThrows(PolyglotException.class, () -> eval(context, broken));
                assertTrue(e.isSyntaxError(), e.getMessage());
                assertTrue(e.getMessage().contains("broken.lm.md"), e.getMessage());
            }
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("warning[W0002]"), "context " + i + ": " + text);
        }
    }
}
