package dev.lumen.launcher;

import dev.lumen.launcher.otel.LiveExport;
import dev.lumen.launcher.otel.OtelSwitch;
import dev.lumen.launcher.otel.OtlpExport;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceReader;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --otel} and {@code --otel-endpoint}: exporting runs as OTLP traces (spec run.md §6.6). */
final class OtelOption {
    @Option(names = "--otel",
            description = "Export the run as OpenTelemetry traces over OTLP, configured by the standard OTEL_* "
                    + "variables (by default to a collector on port 4318 of localhost). Also on when "
                    + "OTEL_EXPORTER_OTLP_ENDPOINT is set.")
    boolean requested;

    @Option(names = "--otel-endpoint", paramLabel = "URL",
            description = "Export as --otel does, to the OTLP/HTTP collector at URL (as OTEL_EXPORTER_OTLP_ENDPOINT "
                    + "names one, e.g. http://localhost:4318).")
    String endpoint;

    /** Whether this command exports, in environment {@code env}. */
    boolean on(Map<String, String> env) {
        return OtelSwitch.on(requested, endpoint, env);
    }

    /**
     * Starts exporting, as they go, the runs this process writes from now on, or returns null when this
     * command does not export (in environment {@code env}).
     */
    LiveExport live(Map<String, String> env) {
        return on(env) ? LiveExport.start(endpoint) : null;
    }

    /**
     * Ends the export {@code live} (null when there is none): the warning to show, naming the runs it held and
     * where their traces are in {@code store}, or null when the collector took every span.
     */
    static String stop(LiveExport live, Store store) {
        if (live == null) {
            return null;
        }
        String failure = live.stop();
        return failure == null ? null : notExported(store, live.runIds(), failure);
    }

    /**
     * Exports the runs {@code runIds} of {@code store}, each read from its trace file.
     *
     * @return why they were not exported, as a sentence naming where their traces are, or null when they were
     */
    String export(Store store, List<String> runIds) {
        if (runIds.isEmpty()) {
            return null;
        }
        List<Trace> traces = runIds.stream().map(id -> TraceReader.read(store, id)).toList();
        String failure = OtlpExport.export(traces, endpoint);
        return failure == null ? null : notExported(store, runIds, failure);
    }

    /** {@code run ID not exported: FAILURE (its trace is complete in FILE)}, or of N runs. */
    static String notExported(Store store, List<String> runIds, String failure) {
        if (runIds.isEmpty()) {
            return "no run exported: " + failure;
        }
        String where = runIds.size() == 1 ? "its trace is complete in " + store.traces().where(runIds.getFirst())
                : "their traces are complete in " + store.traces().where();
        String which = runIds.size() == 1 ? "run " + runIds.getFirst() : runIds.size() + " runs";
        return which + " not exported: " + failure + " (" + where + ")";
    }
}
