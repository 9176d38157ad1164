package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Effects of documents an embedder evaluates behave as under `lumen run` (run.md §6): grants refuse what they
 * do not allow, each host call of a cell is a traced run whose chain verifies, the cache answers pure calls and
 * nothing else, `lumen.Offline` performs nothing and says so, `lumen.Replay` answers from the trace.
 */
class EmbeddedEffectsTest {
    static final String DOCUMENT = """
            ```lumen
            use tool fs.write as Save
            use tool json.parse as Parse
            grant Save path "out"
            grant Parse

            cell save(name: String, text: String) -> Int
              Save(path: "out/" + name, content: text)
              return length(text)
            end

            cell measure(text: String) -> Int
              let data = Parse(text: text)
              return length(to_string(data))
            end
            ```
            """;

    @TempDir
    Path folder;

    /** A context whose store and document both live in the test's folder; its standard error in {@code err}. */
    private Context context(ByteArrayOutputStream err, String... options) {
        Context.Builder b = Context.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false")
                .option("lumen.Store", folder.toString()).err(err);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return b.build();
    }

    private Value eval(Context context) throws IOException {
        Path document = folder.resolve("effects.lm.md");
        Files.writeString(document, DOCUMENT);
        return context.eval(Source.newBuilder(LumenLanguage.ID, document.toFile()).build());
    }

    private List<String> runs() throws IOException {
        return runs(folder);
    }

    /** The ids of the runs traced in the store of {@code store}, sorted. */
    static List<String> runs(Path store) throws IOException {
        Path traces = store.resolve(".lumen/trace");
        if (!Files.isDirectory(traces)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(traces)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        }
    }

    @Test
    void aCallOutsideTheGrantIsRefusedAndNothingIsWritten() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Context context = context(err)) {
            Value m = eval(context);
            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("save", "../escape.txt", "x"));
            assertEquals("policy", e.getGuestObject().getMember("kind").asString(), e.getMessage());
            assertFalse(Files.exists(folder.resolve("escape.txt")));
            assertTrue(TraceVerifier.verify(Store.at(folder), runs().getLast()).ok(), "the refused run's trace verifies");
        }
    }

    @Test
    void eachCallIsATracedRunWhoseChainVerifies() throws IOException {
        Files.createDirectories(folder.resolve("out"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Context context = context(err)) {
            Value m = eval(context);
            assertEquals(5, m.invokeMember("save", "a.txt", "hello").asLong());
            assertEquals(3, m.invokeMember("measure", "[1]").asLong());
        }
        assertEquals("hello", Files.readString(folder.resolve("out/a.txt")));
        List<String> runs = runs();
        assertEquals(2, runs.size());
        for (String run : runs) {
            Verification v = TraceVerifier.verify(Store.at(folder), run);
            assertTrue(v.ok() && v.finished(), run + ": " + v.problem());
        }
    }

    @Test
    void theCacheAnswersPureCallsAndOfflineRunsPerformNothing() throws IOException {
        Files.createDirectories(folder.resolve("out"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Context context = context(err)) {
            Value m = eval(context);
            m.invokeMember("save", "b.txt", "first");
            m.invokeMember("measure", "[1, 2]");
            // A write is performed on every run: the cache never stands in for it.
            Files.delete(folder.resolve("out/b.txt"));
            m.invokeMember("save", "b.txt", "first");
            assertTrue(Files.exists(folder.resolve("out/b.txt")));
        }
        Files.delete(folder.resolve("out/b.txt"));
        ByteArrayOutputStream offlineErr = new ByteArrayOutputStream();
        try (Context context = context(offlineErr, "lumen.Offline", "true")) {
            Value m = eval(context);
            assertEquals(5, m.invokeMember("save", "b.txt", "first").asLong());
            assertEquals(5, m.invokeMember("measure", "[1, 2]").asLong()); // "[1,2]"
            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("measure", "[3]"));
            assertTrue(e.getMessage().startsWith("offline: `Parse` (json.parse) has no cached output"), e.getMessage());
        }
        assertFalse(Files.exists(folder.resolve("out/b.txt")), "offline, the write is not performed");
        String said = offlineErr.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("offline: did not perform `Save` (fs.write); answered with the output recorded on"), said);
        assertFalse(said.contains("json.parse"), "a pure call answered from the cache is not reported: " + said);
    }

    @Test
    void aReplayAnswersFromTheTraceAndPerformsNothing() throws IOException {
        Files.createDirectories(folder.resolve("out"));
        try (Context context = context(new ByteArrayOutputStream())) {
            eval(context).invokeMember("save", "c.txt", "recorded");
        }
        String run = runs().getFirst();
        Files.delete(folder.resolve("out/c.txt"));
        try (Context context = context(new ByteArrayOutputStream(), "lumen.Replay", run)) {
            assertEquals(8, eval(context).invokeMember("save", "c.txt", "recorded").asLong());
        }
        assertFalse(Files.exists(folder.resolve("out/c.txt")), "a replay performs no write");
    }
}
