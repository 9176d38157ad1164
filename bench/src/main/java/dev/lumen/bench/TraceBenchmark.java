package dev.lumen.bench;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.CacheLookup;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of tracing one effect: building a tool_call event, hashing its values, chaining and sealing it and
 * appending its line to the trace file (one write system call), as the interpreter does for every tool call.
 * Target: under 20 µs per traced effect.
 *
 * <ul>
 *   <li>{@code toolCall}: values given as Java maps and strings (canonicalized and hashed inside);
 *   <li>{@code toolCallHashedValues}: values already canonical, as after a cache lookup that hashed the inputs;
 *   <li>{@code cachedToolCall}: the whole cached effect: canonical inputs, cache lookup (read and check the
 *       entry), and the traced event;
 *   <li>{@code toolCallLargeOutput}: a 4 KB output, recorded by hash with its blob (already stored, so
 *       checked rather than rewritten).
 * </ul>
 *
 * Each iteration writes a fresh store in the temporary directory and deletes it afterwards.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceBenchmark {
    private static final String POLICY = CanonicalJson.hash(Map.of("model", List.of("gpt-4o-mini"), "max_tokens", 800));
    private static final Map<String, Object> INPUTS = Map.of("messages", List.of(
            Map.of("role", "system", "content", "You extract invoices as JSON with vendor, total and currency."),
            Map.of("role", "user", "content", "Extract: Invoice A-1017 from Acme Tools GmbH, total 1,249.50 EUR, due 2026-12-01.")));
    private static final String OUTPUT = "{\"vendor\": \"Acme Tools GmbH\", \"total\": 1249.5, \"currency\": \"EUR\"}";
    private static final Map<String, Object> LARGE_OUTPUT = Map.of("status", 200, "body", "<p>rates</p>".repeat(340));

    private Path dir;
    private Store store;
    private TraceWriter writer;
    private CanonicalValue inputs;
    private CanonicalValue output;
    private long n;

    @Setup(Level.Iteration)
    public void startRun() throws IOException {
        dir = Files.createTempDirectory("lumen-trace-bench");
        store = Store.at(dir);
        writer = TraceWriter.start(store, "bench.lm.md", CanonicalJson.sha256("bench"), "run", Map.of());
        inputs = CanonicalValue.of(INPUTS);
        output = CanonicalValue.of(OUTPUT);
        store.cache().put("llm.chat", "1.0.0", POLICY, inputs, output);
        writer.toolCall("warm", "http.get", "1.0.0", POLICY, INPUTS, LARGE_OUTPUT, 1, false); // stores the blob
    }

    @TearDown(Level.Iteration)
    public void endRun() throws IOException {
        writer.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public long toolCall() {
        return writer.toolCall("extract", "llm.chat", "1.0.0", POLICY, INPUTS, OUTPUT, ++n, false);
    }

    @Benchmark
    public long toolCallHashedValues() {
        return writer.toolCall("extract", "llm.chat", "1.0.0", POLICY, inputs, output, ++n, false);
    }

    @Benchmark
    public long cachedToolCall() {
        CanonicalValue in = CanonicalValue.of(INPUTS);
        CacheLookup lookup = store.cache().get("llm.chat", "1.0.0", POLICY, in.hash());
        if (!(lookup instanceof CacheLookup.Hit hit)) {
            throw new IllegalStateException("expected a cache hit, got " + lookup);
        }
        return writer.toolCall("extract", "llm.chat", "1.0.0", POLICY, in, hit.outputs(), 0, true);
    }

    @Benchmark
    public long toolCallLargeOutput() {
        return writer.toolCall("extract", "http.get", "1.0.0", POLICY, INPUTS, LARGE_OUTPUT, ++n, false);
    }
}
