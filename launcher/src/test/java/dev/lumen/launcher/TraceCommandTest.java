package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoredJson;
import dev.lumen.runtime.store.UserKey;
import dev.lumen.runtime.trace.TraceFormat;
import dev.lumen.runtime.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen trace last|show|ls|diff|verify} over runs written with the runtime's trace writer. */
class TraceCommandTest {

    @TempDir
    Path dir;

    private static final String POLICY = CanonicalJson.hash(Map.of("model", List.of("m")));

    /** A run that asks llm.chat once and returns its reply; {@code finish} false leaves it unfinished. */
    private TraceWriter run(String reply, boolean finish) {
        Store store = Store.at(dir);
        try (TraceWriter w = TraceWriter.start(store, "agent.lm.md", CanonicalJson.sha256("doc"), "run", Map.of("q", "hi"))) {
            w.cellStart("ask", Map.of("q", "hi"));
            w.toolCall("ask", "llm.chat", "1.0.0", POLICY, Map.of("messages", List.of("hi")), reply, 120, false);
            w.cellEnd("ask", reply);
            if (finish) {
                w.runEnd(reply);
            }
            return w;
        }
    }

    private String store() {
        return "--store=" + dir;
    }

    @Test
    void lastShowsTheLatestRunOneLinePerEventNestedByCell() {
        run("hello", true);
        TraceWriter latest = run("hello again", true);
        EmitCommandTest.Run r = lumen("trace", "last", store());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("run " + latest.runId() + "  doc agent.lm.md  cell run  started "), lines[0]);
        assertEquals(6, lines.length, r.out());
        assertTrue(lines[1].startsWith("   0  run_start run  doc "), lines[1]);
        assertTrue(lines[2].startsWith("   1  cell_start ask  inputs "), lines[2]);
        assertTrue(lines[3].matches("   2    tool_call llm.chat 1\\.0\\.0  120 ms  inputs [0-9a-f]{12} \\{\"messages\":\\[\"hi\"]}"
                + "  outputs [0-9a-f]{12} \"hello again\""), lines[3]);
        assertTrue(lines[4].startsWith("   3  cell_end ask  outputs "), lines[4]);
        assertTrue(lines[5].startsWith("   4  run_end ok  outputs "), lines[5]);
    }

    @Test
    void showFindsARunByIdOrUniquePrefix() {
        TraceWriter first = run("a", true);
        run("b", true);
        EmitCommandTest.Run byId = lumen("trace", "show", first.runId(), store());
        assertEquals(ExitCodes.OK, byId.status(), byId.err());
        assertTrue(byId.out().startsWith("run " + first.runId()), byId.out());
        EmitCommandTest.Run byPrefix = lumen("trace", "show", store(), first.runId().substring(0, first.runId().length() - 3));
        assertEquals(byId.out(), byPrefix.out());

        EmitCommandTest.Run unknown = lumen("trace", "show", "1999", store());
        assertEquals(ExitCodes.USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("error: no run `1999` in `" + dir.resolve(".lumen/trace") + "`"), unknown.err());
        EmitCommandTest.Run ambiguous = lumen("trace", "show", "2", store());
        assertEquals(ExitCodes.USAGE, ambiguous.status());
        assertTrue(ambiguous.err().startsWith("error: `2` matches 2 runs: "), ambiguous.err());
    }

    @Test
    void anEmptyStoreHasNoRuns() {
        EmitCommandTest.Run r = lumen("trace", "last", store());
        assertEquals(ExitCodes.USAGE, r.status());
        assertEquals("error: no runs are recorded in `" + dir.resolve(".lumen/trace") + "`\n", r.err());
        EmitCommandTest.Run ls = lumen("trace", "ls", store());
        assertEquals(ExitCodes.OK, ls.status());
        assertEquals("no runs are recorded in " + dir.resolve(".lumen/trace") + "\n", ls.out());
    }

    @Test
    void lsListsRunsWithTheirStatus() {
        TraceWriter done = run("a", true);
        TraceWriter open = run("b", false);
        EmitCommandTest.Run r = lumen("trace", "ls", store());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals("RUN" + " ".repeat(28) + "DOC          CELL  EVENTS  STATUS\n"
                + done.runId() + "  agent.lm.md  run   5       ok\n"
                + open.runId() + "  agent.lm.md  run   4       unfinished\n", r.out());
    }

    @Test
    void diffReportsTheFirstStepThatDiffers() {
        TraceWriter a = run("yes", true);
        TraceWriter b = run("no", true);
        TraceWriter c = run("yes", true);
        EmitCommandTest.Run same = lumen("trace", "diff", a.runId(), c.runId(), store());
        assertEquals(ExitCodes.OK, same.status(), same.err());
        assertEquals("A " + a.runId() + "  5 events\nB " + c.runId() + "  5 events\nthe runs are identical\n", same.out());

        EmitCommandTest.Run differ = lumen("trace", "diff", a.runId(), b.runId(), store());
        assertEquals(ExitCodes.ERRORS, differ.status(), differ.err());
        String[] lines = differ.out().split("\n");
        assertEquals("the runs agree on their first 2 events", lines[2]);
        assertEquals("first difference, at seq 2: tool_call `llm.chat` in cell `ask` returned a different output", lines[3]);
        assertTrue(lines[4].matches("  A  outputs [0-9a-f]{12} \"yes\""), lines[4]);
        assertTrue(lines[5].matches("  B  outputs [0-9a-f]{12} \"no\""), lines[5]);
        assertEquals("then:", lines[6]);
        assertEquals("  seq 3: cell `ask` returned a different result", lines[7]);
        assertEquals("  seq 4: the run ended with a different result", lines[8]);

        assertEquals(ExitCodes.USAGE, lumen("trace", "diff", a.runId(), store()).status());
    }

    @Test
    void verifyCountsTheEventsOrNamesTheFirstBrokenOne() throws IOException {
        TraceWriter w = run("fine", true);
        EmitCommandTest.Run ok = lumen("trace", "verify", "last", store());
        assertEquals(ExitCodes.OK, ok.status(), ok.err());
        assertEquals("verified 5 events of run " + w.runId() + ", head " + w.headHash() + ", signed with your key "
                + Store.at(dir).key().id() + "\n", ok.out());

        List<String> lines = Files.readAllLines(w.file());
        Files.write(w.file(), List.of(lines.get(0), lines.get(1), lines.get(2).replace("120", "999").replace("fine", "FINE"),
                lines.get(3), lines.get(4)));
        EmitCommandTest.Run broken = lumen("trace", "verify", w.runId(), store());
        assertEquals(ExitCodes.ERRORS, broken.status());
        assertEquals("", broken.out());
        String[] err = broken.err().split("\n");
        assertEquals("error: event 2 of run " + w.runId() + " does not verify: hash mismatch", err[0]);
        assertEquals("  --> " + w.file() + ":3", err[1]);
        assertTrue(err[2].startsWith("  = note: the recorded hash "), err[2]);
        assertTrue(err[3].startsWith("  = note: events 0 to 1 before it verify, head "), err[3]);

        Files.write(w.file(), List.of(lines.get(0), lines.get(1), lines.get(2)));
        EmitCommandTest.Run shortened = lumen("trace", "verify", w.runId(), store());
        assertEquals(ExitCodes.ERRORS, shortened.status());
        assertEquals("", shortened.out());
        assertEquals("error: run " + w.runId() + " does not verify: tampered\n"
                + "  --> " + w.file() + "\n"
                + "  = note: 2 events were removed from its end: its signed head records 5 events ending in "
                + ContentHash.brief(w.headHash()) + ", the trace has 3\n"
                + "  = note: its 3 events verify on their own, head " + ContentHash.brief(hashOfLine(lines.get(2))) + "\n",
                shortened.err());

        TraceWriter open = run("going", false);
        EmitCommandTest.Run unfinished = lumen("trace", "verify", open.runId(), store());
        assertEquals(ExitCodes.OK, unfinished.status(), unfinished.err());
        assertTrue(unfinished.out().endsWith(" (the run has not finished: it was stopped, or is still running)\n"),
                unfinished.out());

        Files.writeString(w.file(), String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 30));
        EmitCommandTest.Run truncated = lumen("trace", "verify", w.runId(), store());
        assertEquals(ExitCodes.ERRORS, truncated.status());
        assertTrue(truncated.err().startsWith("error: event 3 of run " + w.runId() + " does not verify: truncated\n"),
                truncated.err());
        EmitCommandTest.Run shown = lumen("trace", "show", w.runId(), store());
        assertEquals(ExitCodes.ERRORS, shown.status());
        assertTrue(shown.out().endsWith("      … line 4 is incomplete (the run was stopped while writing it)\n"), shown.out());
    }

    /** A forger who shortens a finished run and ends it again, re-chained and re-sealed without the key. */
    @Test
    void aShortenedRunEndedAgainByAForgerIsTampered() throws IOException {
        TraceWriter w = run("fine", true);
        List<String> lines = Files.readAllLines(w.file());
        ObjectNode end = (ObjectNode) CanonicalJson.parse(lines.get(4));
        end.put("seq", 2);
        end.put("prev_hash", hashOfLine(lines.get(1)));
        end.put("hash", StoredJson.hashOf(end, TraceFormat::chained));
        end.put("seal", StoredJson.hashOf(end, TraceFormat::sealed));
        Files.write(w.file(), List.of(lines.get(0), lines.get(1), CanonicalJson.write(end)));
        EmitCommandTest.Run r = lumen("trace", "verify", w.runId(), store());
        assertEquals(ExitCodes.ERRORS, r.status());
        assertTrue(r.err().startsWith("error: event 2 of run " + w.runId() + " does not verify: seal mismatch\n"), r.err());
        assertTrue(r.err().contains("re-sealed without the key (tampered with)"), r.err());
    }

    @Test
    void aRunSealedWithAnotherKeyOrWithNoneIsNotVerified() throws IOException {
        Store mine = Store.at(dir);
        UserKey other = UserKey.of(new byte[UserKey.LENGTH]);
        String id;
        try (TraceWriter w = TraceWriter.start(mine.withKey(other), "agent.lm.md", CanonicalJson.sha256("doc"), "run", Map.of())) {
            w.runEnd("done");
            id = w.runId();
        }
        EmitCommandTest.Run foreign = lumen("trace", "verify", id, store());
        assertEquals(ExitCodes.ERRORS, foreign.status());
        assertEquals("error: run " + id + " is signed by another key (" + other.id() + "), not yours (" + mine.key().id()
                + "): its seals and signed head cannot be checked with your key\n", foreign.err().lines().findFirst().orElseThrow() + "\n");
        assertTrue(foreign.err().contains("only the holder of key " + other.id() + " can tell whether it was changed"), foreign.err());
        EmitCommandTest.Run replay = lumen("replay", id, store());
        assertEquals(ExitCodes.USAGE, replay.status());
        assertTrue(replay.err().contains("cannot be replayed: its trace does not verify (it is signed by another key, "
                + other.id() + ", not yours"), replay.err());

        // As an earlier Lumen wrote it: plain SHA-256 seals, no key, no head.
        Path file = mine.traceFile(id);
        StringBuilder old = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            ObjectNode event = (ObjectNode) CanonicalJson.parse(line);
            event.remove("key_id");
            event.put("seal", StoredJson.hashOf(event, TraceFormat::sealed));
            old.append(CanonicalJson.write(event)).append('\n');
        }
        Files.writeString(file, old);
        Files.delete(file.resolveSibling(id + ".head"));
        EmitCommandTest.Run unsigned = lumen("trace", "verify", id, store());
        assertEquals(ExitCodes.ERRORS, unsigned.status());
        assertTrue(unsigned.err().startsWith("error: run " + id + " is not signed: its seals are plain SHA-256"), unsigned.err());
    }

    private static String hashOfLine(String line) {
        return CanonicalJson.parse(line).get("hash").textValue();
    }

    @Test
    void traceAloneIsAUsageError() {
        EmitCommandTest.Run r = lumen("trace");
        assertEquals(ExitCodes.USAGE, r.status());
        assertTrue(r.err().contains("verify"), r.err());
        EmitCommandTest.Run help = lumen("--help");
        assertTrue(help.out().contains("trace") && help.out().contains("cache"), help.out());
    }
}
