package dev.lumen.conformance.deopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.truffle.LumenLanguage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contexts of one engine share the compiled code of a document they all evaluate (the daemon's runs): a cell
 * compiled in one context's run is not compiled again in the next context's (after a full collection too), and a
 * changed document is compiled anew. Read from the engine's compilation log.
 */
class SharedCompiledCodeTest {
    private static final String FIB = """
            ```lumen
            cell fib(n: Int) -> Int
              if n < 2
                return n
              end
              return fib(n - 1) + fib(n - 2)
            end
            ```
            """;

    @Test
    void aDocumentEvaluatedInAnotherContextRunsTheCodeCompiledBefore() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Engine engine = compilingEngine(log)) {
            assertEquals(55, fib(engine, FIB));
            int first = compilationsOfFib(log);
            assertTrue(first >= 1, () -> "fib was not compiled in the first context:\n" + text(log));

            assertEquals(55, fib(engine, FIB));
            assertEquals(first, compilationsOfFib(log), () -> "fib was compiled again:\n" + text(log));

            // another document (here a comment apart) is another program, compiled on its own
            assertEquals(55, fib(engine, FIB + "\nThe same cell.\n"));
            assertTrue(compilationsOfFib(log) > first, () -> "the changed document was not compiled:\n" + text(log));
        }
    }

    @Test
    void aDocumentReadFromItsFileAfterAFullCollectionRunsTheCodeCompiledBefore(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("fib.lm.md"), FIB);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Engine engine = compilingEngine(log)) {
            assertEquals(55, fib(engine, Source.newBuilder(LumenLanguage.ID, file.toFile()).build()));
            int first = compilationsOfFib(log);
            assertTrue(first >= 1, () -> "fib was not compiled in the first context:\n" + text(log));

            // the daemon collects after a large run, with no context of the document left
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertEquals(55, fib(engine, Source.newBuilder(LumenLanguage.ID, file.toFile()).build()));
            assertEquals(first, compilationsOfFib(log), () -> "fib was compiled again:\n" + text(log));
        }
    }

    private static Engine compilingEngine(ByteArrayOutputStream log) {
        return Engine.newBuilder(LumenLanguage.ID).allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false").option("engine.CompileImmediately", "true")
                .option("engine.BackgroundCompilation", "false")
                .option("engine.TraceCompilation", "true").logHandler(log).build();
    }

    /** {@code fib(10)} in a new context of {@code engine}, the document named as the launcher names it. */
    private static long fib(Engine engine, String document) {
        return fib(engine, Source.newBuilder(LumenLanguage.ID, document, "fib.lm.md").buildLiteral());
    }

    private static long fib(Engine engine, Source source) {
        try (Context context = Context.newBuilder(LumenLanguage.ID).engine(engine).build()) {
            return context.eval(source).getMember("fib").execute(10).asLong();
        }
    }

    private static int compilationsOfFib(ByteArrayOutputStream log) {
        return CompilationTrace.of(text(log)).compilations("cell fib");
    }

    private static String text(ByteArrayOutputStream log) {
        return log.toString(StandardCharsets.UTF_8);
    }
}
