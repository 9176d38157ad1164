package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @parallel} as a user runs it: the calls overlap, finish in any order, and the trace has them in source
 * order, so that a cached re-run and a replay give the first run's hash chain.
 */
class ParallelRunTest {

    @TempDir
    Path dir;

    /** The first call sleeps longest: the calls end in the reverse of the order they are written in. */
    private static final String PROGRAM = """
            @lumen 1
            @cache %s

            # Three slow calls

            ```lumen
            use tool slow.echo as Echo
            grant Echo timeout_ms 5000

            cell run() -> String
              @parallel
              let a = Echo(text: "a", ms: 900)
              let b = Echo(text: "b", ms: 500)
              let c = Echo(text: "c", ms: 100)
              @end
              return a.text + b.text + c.text
            end

            cell in_turn() -> String
              let a = Echo(text: "a", ms: 900)
              let b = Echo(text: "b", ms: 500)
              let c = Echo(text: "c", ms: 100)
              return a.text + b.text + c.text
            end
            ```
            """;

    private void cache(String setting) throws IOException {
        Files.writeString(doc, PROGRAM.formatted(setting));
    }

    private Path doc;

    @BeforeEach
    void project() throws IOException {
        Path tool = dir.resolve("tools/slow-echo");
        Files.createDirectories(tool);
        Path bench = Path.of("../bench/parallel/tools/slow-echo");
        for (String file : List.of("tool.json", "slow_echo.py")) {
            Files.copy(bench.resolve(file), tool.resolve(file));
        }
        doc = dir.resolve("three.lm.md");
        cache("on");
    }

    private Trace latest() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast());
    }

    private static List<String> outputs(Trace trace) {
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).map(TraceEvent::outputsHash)
                .toList();
    }

    private static String echoed(String text) {
        return CanonicalValue.of(Map.of("text", text)).hash();
    }

    @Test
    void theCallsOverlapAndAreTracedInSourceOrder() throws IOException {
        cache("off");
        assertEquals(ExitCodes.OK, lumen("run", doc.toString()).status()); // warms the launcher up
        long inTurn = timed("--cell=in_turn");
        long started = System.nanoTime();
        EmitCommandTest.Run run = lumen("run", doc.toString());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("\"abc\"", run.out().strip());
        Trace trace = latest();
        assertEquals(List.of(echoed("a"), echoed("b"), echoed("c")), outputs(trace));
        assertTrue(TraceVerifier.verify(Store.at(dir), trace.runId()).ok());
        // 1.5 s of sleep one after the other, 0.9 s together
        assertTrue(ms < inTurn - 400, "one after the other: " + inTurn + " ms; together: " + ms + " ms");
    }

    @Test
    void aFailedCallFailsTheBlockOnceEveryCallHasEndedAndAllAreTraced() throws IOException {
        // `ms: -1` makes the tool fail at once, while the call before it still sleeps
        Files.writeString(doc, PROGRAM.formatted("off").replace("ms: 500", "ms: -1"));
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--color=never");
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertTrue(run.err().contains("`Echo` (slow.echo) failed"), run.err());
        Trace trace = latest();
        assertTrue(TraceVerifier.verify(Store.at(dir), trace.runId()).ok());
        assertEquals(echoed("a"), outputs(trace).getFirst()); // the call that ended last, traced first
    }

    @Test
    void aRepeatedCallIsAnsweredByTheEarlierOneAsInTurn() throws IOException {
        // slow.echo is pure: one after the other, the second call is answered by the cache entry of the first
        Files.writeString(doc, PROGRAM.formatted("on").replace("let b = Echo(text: \"b\", ms: 500)",
                "let b = Echo(text: \"a\", ms: 900)").replace("a.text + b.text + c.text\nend\n\ncell in_turn",
                "a.text + b.text + c.text\nend\n\ncell unused"));
        EmitCommandTest.Run run = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("\"aac\"", run.out().strip());
        Trace trace = latest();
        assertEquals(List.of(false, true, false), trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL)
                .map(TraceEvent::cached).toList());
        assertTrue(TraceVerifier.verify(Store.at(dir), trace.runId()).ok());
    }

    @Test
    void aFullRateWindowRefusesTheCallStartedLastWhicheverEndsFirst() throws IOException {
        // the calls end in the reverse order; made in turn, the third would be the one refused
        Files.writeString(doc, PROGRAM.formatted("off").replace("grant Echo timeout_ms 5000",
                "grant Echo timeout_ms 5000 rate_limit 2 per_minute"));
        for (int round = 0; round < 4; round++) {
            EmitCommandTest.Run run = lumen("run", doc.toString(), "--store=" + dir.resolve("store" + round),
                    "--color=never");
            assertEquals(ExitCodes.ERRORS, run.status(), run.err());
            assertTrue(run.err().contains("(rate_limit)"), run.err());
            assertTrue(run.err().contains("three.lm.md:14:"), "the error is at `let c`: " + run.err());
            Store store = Store.at(dir.resolve("store" + round));
            Trace trace = TraceReader.read(store, store.runIds().getLast());
            List<TraceEvent> calls = trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
            assertEquals(List.of(echoed("a"), echoed("b")), calls.stream().limit(2).map(TraceEvent::outputsHash)
                    .toList(), "round " + round);
            assertTrue(calls.get(2).outputsHash() == null, "round " + round + ": the third call is the one refused");
            assertTrue(TraceVerifier.verify(store, trace.runId()).ok());
        }
    }

    private long timed(String... options) {
        long started = System.nanoTime();
        EmitCommandTest.Run run = lumen(Stream.concat(Stream.of("run", doc.toString()), Stream.of(options))
                .toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.status(), run.err());
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void aCachedReRunAndAReplayHaveTheFirstRunsHashChain() {
        assertEquals(ExitCodes.OK, lumen("run", doc.toString()).status());
        Trace first = latest();
        EmitCommandTest.Run again = lumen("run", doc.toString());
        assertEquals(ExitCodes.OK, again.status(), again.err());
        Trace cached = latest();
        assertTrue(cached.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).allMatch(TraceEvent::cached));
        assertEquals(first.events().getLast().hash(), cached.events().getLast().hash());
        EmitCommandTest.Run replay = lumen("replay", first.runId(), "--store=" + dir);
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertTrue(replay.err().contains("the recorded hash chain"), replay.err());
        assertEquals(first.events().getLast().hash(), latest().events().getLast().hash());
    }
}
