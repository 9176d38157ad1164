package dev.lumen.language.truffle;

import dev.lumen.lir.effects.ReplaySource;
import dev.lumen.lir.effects.TracedEffects;
import dev.lumen.lir.effects.SchemaValidator;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.tools.HostToolSet;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceReader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The effects of a context, from its options {@code lumen.Store}, {@code lumen.Bucket}, {@code lumen.Offline} and
 * {@code lumen.Replay}.
 */
final class LumenRunEffects {
    private LumenRunEffects() {
    }

    /**
     * @param hostTools the tools the host offers, asked for when a run looks its tools up
     * @throws IllegalArgumentException when the replayed run cannot be read (the context is then not created,
     *     and the embedder sees the message)
     */
    static TracedEffects create(String storeDir, String bucket, boolean offline, String replayRun, OutputStream err,
            Supplier<HostToolSet> hostTools) {
        Store store = storeDir.isEmpty() ? null
                : bucket.isEmpty() ? Store.at(Path.of(storeDir)) : Store.named(bucket, Path.of(storeDir));
        ReplaySource replay = null;
        if (!replayRun.isEmpty()) {
            if (store == null) {
                throw new IllegalArgumentException("lumen.Replay needs lumen.Store: the store that holds run " + replayRun);
            }
            Trace trace = TraceReader.read(store, replayRun);
            if (trace.start() == null) {
                throw new IllegalArgumentException("run " + replayRun + " cannot be replayed: its trace has no run_start");
            }
            replay = new ReplaySource(trace, store.blobs());
        }
        PrintStream warnings = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new TracedEffects(store, offline, replay, warnings, new SchemaValidator(), hostTools);
    }

    /**
     * The fixtures of option {@code lumen.Fixtures} by alias (or Alias.tool), or null when it is empty (not a test).
     *
     * @throws IllegalArgumentException when the option is not a JSON object
     */
    static Map<String, List<CanonicalValue>> fixtures(String option) {
        if (option.isEmpty()) {
            return null;
        }
        JsonNode tree = CanonicalJson.parse(option);
        if (!tree.isObject() || !tree.properties().stream().allMatch(m -> m.getValue().isArray() && !m.getValue().isEmpty())) {
            throw new IllegalArgumentException("lumen.Fixtures must be a JSON object of lists of tool outputs by alias");
        }
        Map<String, List<CanonicalValue>> out = new LinkedHashMap<>();
        tree.properties().forEach(member -> {
            List<CanonicalValue> outputs = new ArrayList<>();
            member.getValue().forEach(output -> outputs.add(CanonicalValue.of(output)));
            out.put(member.getKey(), outputs);
        });
        return out;
    }
}
