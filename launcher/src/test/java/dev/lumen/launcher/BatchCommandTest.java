package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen batch} (run.md §10): one run per input line, N at a time, results in input order with the value or
 * the typed error of each; run again, the inputs whose runs ended well come from their verified traces and no
 * tool call is paid for twice.
 */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESOURCES = Path.of("src", "test", "resources", "batch");

    @TempDir
    Path dir;

    private LoopbackAnthropic model;

    @BeforeEach
    void start() throws Exception {
        model = new LoopbackAnthropic();
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private Path copy(String name) throws Exception {
        return Files.copy(RESOURCES.resolve(name), dir.resolve(name));
    }

    private EmitCommandTest.Run batch(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(model.environment());
        env.put("PATH", System.getenv("PATH"));
        env.put("LUMEN_KEY_FILE", System.getenv("LUMEN_KEY_FILE"));
        Host host = new Host(dir, env, InputStream.nullInputStream(), System.err);
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(args));
        return Host.with(host, () -> lumen(all.toArray(String[]::new)));
    }

    private List<JsonNode> results(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void eachLineGetsItsValueOrItsTypedErrorInInputOrder() throws Exception {
        copy("double.lm.md");
        Files.writeString(dir.resolve("in.jsonl"), """
                {"n": 1}
                {"n": 2}

                {"n": 3
                {"m": 4}
                [5]
                {"n": 6}
                """);
        EmitCommandTest.Run run = batch("double.lm.md", "--input", "in.jsonl", "--output", "out.jsonl",
                "--parallel", "3", "--quiet");
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        List<String> lines = Files.readAllLines(dir.resolve("out.jsonl")).stream()
                .map(line -> line.replaceAll(",\"run\":\"[^\"]+\"", "")).toList();
        assertEquals(6, lines.size(), "one line per input that is not blank: " + lines);
        assertEquals("{\"line\":1,\"ok\":2}", lines.get(0));
        assertEquals("{\"line\":2,\"ok\":4}", lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"error\":{\"kind\":\"input\",\"message\":\"the line is not JSON"), lines.get(2));
        assertEquals("{\"error\":{\"kind\":\"input\",\"message\":\"the line has no argument `n`; `run` takes n\"},"
                + "\"line\":5}", lines.get(3));
        assertTrue(lines.get(4).contains("\"line\":6") && lines.get(4).contains("not a JSON object"), lines.get(4));
        assertEquals("{\"line\":7,\"ok\":12}", lines.get(5));
        assertTrue(run.err().startsWith("lumen batch: 6 inputs: 3 ok, 3 failed, 0 from earlier runs;"), run.err());

        Files.writeString(dir.resolve("odd.jsonl"), "{\"n\": 4}\n{\"n\": 5}\n");
        EmitCommandTest.Run half = batch("double.lm.md", "--cell", "half", "--input", "odd.jsonl", "--output",
                "half.jsonl", "--quiet");
        assertEquals(ExitCodes.ERRORS, half.status(), half.err());
        List<JsonNode> halves = results(dir.resolve("half.jsonl"));
        assertEquals(2, halves.get(0).get("ok").asInt());
        assertEquals("halt", halves.get(1).get("error").get("kind").asText(), halves.get(1).toString());
        assertTrue(halves.get(1).get("error").get("message").asText().contains("odd: 5"), halves.get(1).toString());
    }

    @Test
    void badArgumentsAreUsageErrorsAndWriteNothing() throws Exception {
        copy("double.lm.md");
        Files.writeString(dir.resolve("in.jsonl"), "{\"n\": 1}\n");
        EmitCommandTest.Run noInput = batch("double.lm.md", "--input", "none.jsonl", "--output", "out.jsonl");
        assertEquals(ExitCodes.USAGE, noInput.status());
        assertEquals("error: cannot read the inputs `none.jsonl`: there is no such file\n", noInput.err());
        EmitCommandTest.Run noCell = batch("double.lm.md", "--cell", "triple", "--input", "in.jsonl", "--output", "out.jsonl");
        assertEquals(ExitCodes.USAGE, noCell.status(), noCell.err());
        assertTrue(noCell.err().startsWith("error: the document has no cell `triple`"), noCell.err());
        EmitCommandTest.Run same = batch("double.lm.md", "--input", "in.jsonl", "--output", "in.jsonl");
        assertEquals(ExitCodes.USAGE, same.status(), same.err());
        EmitCommandTest.Run zero = batch("double.lm.md", "--input", "in.jsonl", "--output", "out.jsonl", "--parallel", "0");
        assertEquals(ExitCodes.USAGE, zero.status(), zero.err());
        assertFalse(Files.exists(dir.resolve("out.jsonl")));
    }

    @Test
    void aBatchRunAgainTakesWhatEndedWellFromTheStoreAndPaysForNothingTwice() throws Exception {
        invoices();
        EmitCommandTest.Run first = batch("invoices.lm.md", "--input", "in.jsonl", "--output", "out.jsonl",
                "--parallel", "4", "--quiet");
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals(12, model.requests().size());
        List<JsonNode> results = results(dir.resolve("out.jsonl"));
        assertEquals(12, results.size());
        Store store = Store.at(dir);
        HashSet<String> runs = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            JsonNode r = results.get(i);
            assertEquals(i + 1, r.get("line").asInt());
            assertTrue(r.has("ok"), r.toString());
            assertFalse(r.has("cached"));
            runs.add(r.get("run").asText());
            assertTrue(TraceVerifier.verify(store, r.get("run").asText()).ok(), "each run has its own trace");
        }
        assertEquals(12, runs.size());
        assertEquals(12, store.runIds().size());
        // the model's replies went out in whatever order the runs asked: each input has one, all valid
        assertEquals(IntStream.range(0, 12).boxed().toList().size(),
                results.stream().map(r -> r.get("ok").get("id").asText()).distinct().count());

        EmitCommandTest.Run again = batch("invoices.lm.md", "--input", "in.jsonl", "--output", "out.jsonl", "--quiet");
        assertEquals(ExitCodes.OK, again.status(), again.err());
        assertEquals(12, model.requests().size(), "nothing is asked again");
        assertEquals(12, store.runIds().size(), "and nothing is run again");
        List<JsonNode> resumed = results(dir.resolve("out.jsonl"));
        for (int i = 0; i < 12; i++) {
            assertTrue(resumed.get(i).get("cached").asBoolean(), resumed.get(i).toString());
            assertEquals(results.get(i).get("ok"), resumed.get(i).get("ok"));
            assertEquals(results.get(i).get("run"), resumed.get(i).get("run"));
        }
        assertTrue(again.err().contains("12 ok, 0 failed, 12 from earlier runs"), again.err());

        // a run whose trace no longer verifies is not trusted: its input runs again, answered by the tool cache
        String damaged = results.get(3).get("run").asText();
        Path trace = store.traceFile(damaged);
        Files.writeString(trace, Files.readString(trace).replace("INV-3", "INV-9"));
        EmitCommandTest.Run third = batch("invoices.lm.md", "--input", "in.jsonl", "--output", "out.jsonl", "--quiet");
        assertEquals(ExitCodes.OK, third.status(), third.err());
        assertEquals(12, model.requests().size(), "the cache answers the run again");
        assertEquals(13, store.runIds().size());
        JsonNode rerun = results(dir.resolve("out.jsonl")).get(3);
        assertFalse(rerun.has("cached"), rerun.toString());
        assertEquals(results.get(3).get("ok"), rerun.get("ok"));
    }

    /** Twelve invoices and their replies; the inputs file. */
    private Path invoices() throws Exception {
        copy("invoices.lm.md");
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            inputs.append("{\"text\": \"INV-").append(i).append(", ").append(i).append(".50 EUR\"}\n");
            model.reply("{\"id\": \"INV-" + i + "\", \"total\": " + i + ".5}");
        }
        return Files.writeString(dir.resolve("in.jsonl"), inputs);
    }

    /** A batch in a JVM of its own, stopped by {@code signal} once the model has been asked 4 times. */
    private void stopped(String signal, int expectedStatus) throws Exception {
        invoices();
        model.delay(300);
        Map<String, String> env = new HashMap<>(model.environment());
        Process child = InvoiceAgentExampleTest.childProcess(env, "batch", dir.resolve("invoices.lm.md").toString(),
                "--input", dir.resolve("in.jsonl").toString(), "--output", dir.resolve("out.jsonl").toString(),
                "--parallel", "2", "--quiet").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (model.requests().size() < 4 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the batch stops");
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(expectedStatus, child.exitValue(), log);
        assertFalse(Files.exists(dir.resolve("out.jsonl")), "a stopped batch writes no results: " + log);
        // a request the process sent before it stopped may still be read by the (serial) server: wait for it
        int asked = model.requests().size();
        for (long quiet = System.nanoTime(); System.nanoTime() - quiet < 1_000_000_000L; Thread.sleep(50)) {
            if (model.requests().size() != asked) {
                asked = model.requests().size();
                quiet = System.nanoTime();
            }
        }
        Store store = Store.at(dir);
        int paid = store.cache().list(null).entries().size();
        assertTrue(paid >= 2 && paid < 12, paid + " calls were paid for before it stopped");

        model.delay(0);
        for (int i = paid; i < asked; i++) { // the replies of the calls in flight were lost with the process
            model.reply("{\"id\": \"INV-" + (100 + i) + "\", \"total\": 1.5}");
        }
        EmitCommandTest.Run again = batch("invoices.lm.md", "--input", "in.jsonl", "--output", "out.jsonl", "--quiet");
        assertEquals(ExitCodes.OK, again.status(), again.err() + Files.readString(dir.resolve("out.jsonl")));
        assertEquals(asked + (12 - paid), model.requests().size(), "no call that completed is asked again");
        List<JsonNode> results = results(dir.resolve("out.jsonl"));
        assertEquals(12, results.size());
        long cached = results.stream().filter(r -> r.has("cached")).count();
        assertTrue(cached >= 1 && cached <= paid, cached + " of " + paid + " paid runs ended before the stop");
        for (JsonNode r : results) {
            assertTrue(r.has("ok"), r.toString());
            assertTrue(TraceVerifier.verify(store, r.get("run").asText()).ok());
        }
    }

    @Test
    void aBatchKilledGoesOnFromWhereItWas() throws Exception {
        stopped("KILL", 137);
    }

    @Test
    void aBatchStoppedByCtrlCSaysSoAndGoesOnFromWhereItWas() throws Exception {
        stopped("INT", ExitCodes.INTERRUPTED);
    }
}
