package dev.lumen.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.launcher.Main;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.objects.LoopbackS3;
import dev.lumen.runtime.store.objects.S3Objects;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumen batch --runner beam} (run.md §10.1) against a bucket on loopback: on Beam's direct runner and on an
 * embedded Flink cluster, the same batch gives the results {@code lumen batch} gives on one machine, and every run's
 * trace in the bucket verifies with the same hash chain. The cell is the invoice example's, its model call
 * answered offline by the entry the example ships, copied into each store.
 */
class BeamBatchTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final int INPUTS = 6;

    @TempDir
    Path dir;

    private LoopbackS3 s3;
    private Host host;

    @BeforeEach
    void start() throws Exception {
        s3 = LoopbackS3.start(Files.createDirectories(dir.resolve("s3")));
        s3.bucket("team");
        Path project = Files.createDirectories(dir.resolve("project"));
        String doc = Files.readString(EXAMPLES.resolve("invoice_agent.lm.md"))
                + "\n```lumen\ncell invoice(n: Int) -> Invoice\n  return run()\nend\n```\n";
        Files.writeString(project.resolve("invoices.lm.md"), doc);
        StringBuilder inputs = new StringBuilder();
        for (int n = 0; n < INPUTS; n++) {
            inputs.append("{\"n\": ").append(n).append("}\n");
        }
        Files.writeString(project.resolve("in.jsonl"), inputs);
        Map<String, String> env = new HashMap<>(s3.env());
        env.put("PATH", System.getenv("PATH"));
        env.put("LUMEN_KEY_FILE", System.getenv("LUMEN_KEY_FILE"));
        host = new Host(project, env, InputStream.nullInputStream(), System.err);
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    /** A store in the bucket under {@code prefix}, holding the reply the example ships. */
    private String store(String prefix) throws Exception {
        String address = "s3://team/" + prefix;
        try (S3Objects objects = S3Objects.open(URI.create(address), s3.env())) {
            Path entries = EXAMPLES.resolve(".lumen/cache/llm.chat");
            try (var files = Files.list(entries)) {
                for (Path entry : files.toList()) {
                    objects.create("cache/llm.chat/" + entry.getFileName(), Files.readAllBytes(entry));
                }
            }
        }
        return address;
    }

    private String batch(String prefix, String... extra) throws Exception {
        String address = store(prefix);
        List<String> args = new ArrayList<>(List.of("batch", "invoices.lm.md", "--cell", "invoice", "--input",
                "in.jsonl", "--output", prefix + ".jsonl", "--store", address, "--offline", "--quiet"));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        int status = Host.with(host, () -> Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                args.toArray(String[]::new)));
        Path out = host.directory().resolve(prefix + ".jsonl");
        assertEquals(0, status, err + (Files.exists(out) ? Files.readString(out) : ""));
        return Files.readString(out);
    }

    /** Each result line without its run id, and the hash chain of that run, verified in its store. */
    private List<String> outcome(String prefix, String results) throws Exception {
        Store store = Host.with(host, () -> Store.named("s3://team/" + prefix, host.directory()));
        List<String> outcome = new ArrayList<>();
        for (String line : results.strip().split("\n")) {
            var tree = CanonicalJson.parse(line);
            String runId = tree.get("run").asText();
            assertTrue(Host.with(host, () -> TraceVerifier.verify(store, runId)).ok(), prefix + ": " + runId);
            List<String> chain = Host.with(host, () -> TraceReader.read(store, runId)).events().stream()
                    .map(TraceEvent::hash).toList();
            outcome.add(line.replace(",\"run\":\"" + runId + "\"", "") + " " + chain);
        }
        return outcome;
    }

    @Test
    void theDirectRunnerAndFlinkGiveWhatOneMachineGives() throws Exception {
        List<String> local = outcome("local", batch("local"));
        assertEquals(INPUTS, local.size());
        assertTrue(local.getFirst().startsWith("{\"line\":1,\"ok\":{\"currency\":\"EUR\""), local.getFirst());

        assertEquals(local, outcome("direct", batch("direct", "--runner", "beam")));
        assertEquals(local, outcome("flink", batch("flink", "--runner", "beam", "--", "--runner=FlinkRunner",
                "--flinkMaster=[local]", "--parallelism=2", "--tempLocation=" + dir.resolve("beam-temp"))));
        try (var left = Files.list(dir.resolve("beam-temp"))) {
            assertEquals(List.of(), left.toList(), "the results' files are removed");
        }
    }
}
