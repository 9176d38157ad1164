package dev.lumen.launcher;

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
        if (failure == null) {
            return null;
        }
        String where = traces.size() == 1 ? "its trace is complete in " + traces.getFirst().file()
                : "their traces are complete in " + store.traceDir();
        return (traces.size() == 1 ? "run " + runIds.getFirst() : runIds.size() + " runs")
                + " not exported: " + failure + " (" + where + ")";
    }
}
