package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.CacheEntry;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.ToolCache;
import dev.lumen.runtime.trace.Verification.Reason;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs sharing one store, and a writer killed mid-run: the store stays consistent and verifiable. */
class ProcessesTest {

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    @Timeout(180)
    void eightProcessesWithTwoThreadsEachShareOneStore() throws Exception {
        int processes = 8;
        int threads = 2;
        int runs = 3;
        List<Process> started = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            started.add(start("runs", dir.toString(), Integer.toString(runs), Integer.toString(threads)));
        }
        for (Process p : started) {
            assertTrue(p.waitFor(150, TimeUnit.SECONDS), "a writer process did not finish");
            assertEquals(0, p.exitValue(), "a writer process failed (its errors are above)");
        }

        Store store = Store.at(dir);
        List<String> ids = store.runIds();
        assertEquals(processes * threads * runs, ids.size(), "every run has its own trace");
        Set<String> heads = ids.stream().map(id -> {
            Verification v = TraceVerifier.verify(store, id);
            assertTrue(v.ok() && v.finished(), id + ": " + v);
            assertEquals(2 + StoreWriterProcess.CALLS + 2, v.events());
            return v.head();
        }).collect(Collectors.toSet());
        assertEquals(1, heads.size(), "runs of the same program with the same tool outputs have the same chain, cached or not");

        ToolCache.Listing cache = store.cache().list(null);
        assertTrue(cache.corrupt().isEmpty(), cache.corrupt().toString());
        assertEquals(StoreWriterProcess.CALLS, cache.entries().size());
        assertEquals(Set.of("http.get"), cache.entries().stream().map(CacheEntry::toolId).collect(Collectors.toSet()));
        assertIntactBlobsAndNoTemporaryFiles(store);
    }

    @Test
    @Timeout(120)
    void aWriterKilledMidRunLeavesATraceThatVerifiesUpToItsLastCompleteEvent() throws Exception {
        Process writer = start("forever", dir.toString());
        String runId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            runId = out.readLine();
            Store store = Store.at(dir);
            Path trace = store.traceFile(runId);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (countNewlines(trace) < 200 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            writer.destroyForcibly(); // SIGKILL
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            assertTrue(countNewlines(trace) >= 200, "the writer wrote 200 events within a minute");

            long complete = countNewlines(trace);
            Verification v = TraceVerifier.verify(store, runId);
            assertTrue(!v.finished(), "a killed run has no run_end");
            assertEquals(complete, v.events(), "every complete event verifies: " + v);
            if (!v.ok()) {
                assertEquals(Reason.TRUNCATED, v.problem().reason(), v.toString());
                assertEquals(complete, v.problem().seq());
            }
            assertTrue(v.signedByYou(), v.toString());
            assertTrue(store.cache().list(null).corrupt().isEmpty(), "the cache has no half-written entry");
            assertIntactBlobs(store); // a temporary file of the killed writer may remain; it is never read

            // The store remains usable: the next run writes and verifies.
            TraceWriter next = SampleRun.write(store);
            assertTrue(TraceVerifier.verify(store, next.runId()).ok());
        }
    }

    /** A run killed between two events has no signed end: it is unfinished — not tampered, and not an error. */
    @Test
    @Timeout(120)
    void aRunKilledBetweenEventsIsUnfinishedNotTampered() throws Exception {
        Process writer = start("waiting", dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String runId = out.readLine();
            writer.destroyForcibly(); // SIGKILL
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            Verification v = TraceVerifier.verify(Store.at(dir), runId);
            assertTrue(v.ok(), v.toString());
            assertTrue(!v.finished(), v.toString());
            assertEquals(3, v.events());
        }
    }

    private static long countNewlines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static void assertIntactBlobsAndNoTemporaryFiles(Store store) throws IOException {
        try (Stream<Path> files = Files.walk(store.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(!f.getFileName().toString().startsWith("."), "temporary file left: " + f);
            }
        }
        assertIntactBlobs(store);
    }

    private static void assertIntactBlobs(Store store) throws IOException {
        File[] blobs = store.dir().resolve("blobs/sha256").toFile().listFiles(f -> !f.getName().startsWith("."));
        assertTrue(blobs != null && blobs.length > 0);
        for (File blob : blobs) {
            assertEquals("sha256:" + blob.getName(), CanonicalJson.sha256(Files.readAllBytes(blob.toPath())), blob.toString());
        }
    }
}
