package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.limits.LimitKey;
import dev.lumen.runtime.limits.Tally;
import dev.lumen.runtime.store.objects.FolderObjects;
import dev.lumen.runtime.store.objects.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows of rate limits and token budgets in a store (tool-manifest-v1.md §4.4), in a folder;
 * {@link StoredLimitsInABucketTest} runs the same tests in a bucket, changing records through the store's objects.
 */
class StoredLimitsTest {
    private static final LimitKey KEY = LimitHammer.KEY;
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    /** Where this backend keeps the store's objects; the same ones for the whole of a test. */
    ObjectStore objects() {
        return new FolderObjects(dir.resolve(".lumen"));
    }

    /** The store's limits on the real clock. */
    private StoredLimits folder() {
        return new StoredLimits(objects());
    }

    /** A new view of the store's limits, as another run (or process) would have. */
    private StoredLimits run() {
        return new StoredLimits(objects(), now::get);
    }

    private String read(String name) throws IOException {
        return new String(objects().get(name).orElseThrow().content(), StandardCharsets.UTF_8);
    }

    /** Writes {@code text} as {@code name} over what is there, as someone who can write the store. */
    private void write(String name, String text) throws IOException {
        ObjectStore objects = objects();
        assertTrue(objects.writeOver(name, objects.get(name), text.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void aWindowOutlivesTheRunsThatFillIt() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertEquals(new Tally.Admitted(i), run().count(KEY, MINUTE, 3, 1));
        }
        assertEquals(new Tally.Full(3), run().count(KEY, MINUTE, 3, 1));
        now.addAndGet(MINUTE);
        assertEquals(new Tally.Admitted(0), run().count(KEY, MINUTE, 3, 1));

        String file = StoredLimits.recordName(KEY);
        assertEquals("limits/http.get/" + ContentHash.hex(KEY.hash()) + ".json", file);
        String text = read(file);
        assertTrue(text.endsWith("\n"));
        JsonNode record = CanonicalJson.parse(text);
        assertEquals(CanonicalJson.write(record), text.strip(), "the record is canonical JSON");
        assertEquals("lumen-limit/1", record.get("format").textValue());
        assertEquals(KEY.policyHash(), record.get("policy_hash").textValue());
        assertEquals(1, record.get("entries").size(), "calls that left the window are dropped");
    }

    @Test
    void anotherGrantOrToolHasItsOwnWindow() {
        run().count(KEY, MINUTE, 1, 1);
        assertInstanceOf(Tally.Full.class, run().count(KEY, MINUTE, 1, 1));
        LimitKey otherGrant = new LimitKey(KEY.toolId(), "sha256:" + "cd".repeat(32), KEY.clause());
        LimitKey otherTool = new LimitKey("http.post", KEY.policyHash(), KEY.clause());
        assertInstanceOf(Tally.Admitted.class, run().count(otherGrant, MINUTE, 1, 1));
        assertInstanceOf(Tally.Admitted.class, run().count(otherTool, MINUTE, 1, 1));
    }

    @Test
    void tokensSpentCountAgainstTheNextCheck() {
        StoredLimits first = run();
        assertEquals(new Tally.Admitted(0), first.count(KEY, MINUTE, 100, 0));
        first.spend(KEY, MINUTE, 163);
        assertEquals(new Tally.Full(163), run().count(KEY, MINUTE, 100, 0));
    }

    @Test
    void threadsOfManyRunsNeverExceedTheLimit() throws Exception {
        int limit = 25;
        assertEquals(limit, LimitHammer.threads(this::folder, 8, 20, limit), "160 attempts, exactly the limit admitted");
        assertEquals(new Tally.Full(limit), folder().count(KEY, MINUTE, limit, 1));
    }

    @Test
    void processesSharingTheStoreNeverExceedTheLimit() throws Exception {
        int limit = 150;
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int p = 0; p < 4; p++) {
                Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), LimitHammer.class.getName(), dir.toString(),
                        "60", Integer.toString(limit)).redirectErrorStream(true).start();
                processes.add(process);
                outputs.add(process.inputReader(StandardCharsets.UTF_8));
            }
            for (BufferedReader out : outputs) {
                assertEquals("ready", out.readLine());
            }
            Files.createFile(dir.resolve("go"));
            int total = 0;
            for (int p = 0; p < processes.size(); p++) {
                assertTrue(processes.get(p).waitFor(60, TimeUnit.SECONDS), "a hammering process did not finish");
                String out = outputs.get(p).readLine();
                assertEquals(0, processes.get(p).exitValue(), out);
                total += Integer.parseInt(out);
            }
            assertEquals(limit, total, "240 attempts from 4 processes at once, exactly the limit admitted");
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        assertEquals(new Tally.Full(limit), folder().count(KEY, MINUTE, limit, 1));
    }

    @Test
    void aDamagedRecordRefusesCallsForOneWindowThenStartsAfresh() throws IOException {
        run().count(KEY, MINUTE, 3, 1);
        String file = StoredLimits.recordName(KEY);
        for (String damage : List.of("{\"format\":\"lumen-limit/1\"", "", "not json\n",
                read(file).replace("\"entries\":[[", "\"entries\":[[-"),
                read(file).replace(KEY.policyHash(), "sha256:" + "00".repeat(32)))) {
            write(file, damage);
            Tally.Damaged damaged = assertInstanceOf(Tally.Damaged.class, run().count(KEY, MINUTE, 3, 1), damage);
            assertEquals(objects().where(file), damaged.file());
            assertEquals(now.get() + MINUTE, damaged.until().toEpochMilli());
            assertEquals(damage, read(file), "a damaged record is left as it is");
        }
        now.addAndGet(MINUTE - 1);
        assertInstanceOf(Tally.Damaged.class, run().count(KEY, MINUTE, 3, 1));
        now.addAndGet(1);
        assertEquals(new Tally.Admitted(0), run().count(KEY, MINUTE, 3, 1), "nothing in it can still count");
        assertEquals(new Tally.Admitted(1), run().count(KEY, MINUTE, 3, 1), "and it was replaced");
    }

    @Test
    void tokensSpentWhileTheRecordIsDamagedExtendTheRefusal() throws IOException {
        run().count(KEY, MINUTE, 100, 0);
        run().spend(KEY, MINUTE, 10);
        write(StoredLimits.recordName(KEY), "garbage\n");
        now.addAndGet(MINUTE / 2);
        run().spend(KEY, MINUTE, 50);
        now.addAndGet(MINUTE / 2);
        Tally.Damaged damaged = assertInstanceOf(Tally.Damaged.class, run().count(KEY, MINUTE, 100, 0),
                "the tokens spent half a window ago still count");
        assertEquals(now.get() + MINUTE / 2, damaged.until().toEpochMilli());
    }

    @Test
    void aClockThatWentBackStillCountsWhatWasRecorded() {
        run().count(KEY, MINUTE, 2, 1);
        now.addAndGet(-10 * MINUTE);
        run().count(KEY, MINUTE, 2, 1);
        assertEquals(new Tally.Full(2), run().count(KEY, MINUTE, 2, 1));
        now.addAndGet(MINUTE);
        assertEquals(new Tally.Admitted(0), run().count(KEY, MINUTE, 2, 1));
    }

    @Test
    void aRecordThatCannotBeWrittenIsAStoreError() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        Files.writeString(dir.resolve(".lumen/limits"), "a file where the directory should be");
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> run().count(KEY, MINUTE, 3, 1));
        assertTrue(e.getMessage().startsWith("cannot count against the limit recorded in `"), e.getMessage());
    }
}
