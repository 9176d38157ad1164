package dev.lumen.launcher.otel;

import dev.lumen.runtime.trace.TraceTap;
import java.util.List;

/**
 * The export of the runs this process writes, as they go (run.md §6.6): each event the trace writer writes is
 * given to an {@link OtlpExport}, so that a cell's or a tool call's span leaves for the collector when its event
 * is on disk, not when the run ends. Should the process be stopped by a signal, the spans still open end at their
 * run's last event and what the exporter holds is sent, within a few seconds, before it exits.
 */
public final class LiveExport {
    /** How long a process that is being stopped waits for its last spans. */
    private static final long STOPPING_SECONDS = 5;

    private final OtlpExport export;
    private final TraceTap.Listening listening;
    private final Thread stopping;

    private LiveExport(String endpoint) {
        export = OtlpExport.open(endpoint);
        listening = TraceTap.listenWith(export::written);
        stopping = new Thread(() -> export.close(STOPPING_SECONDS), "lumen-otel-stop");
        Runtime.getRuntime().addShutdownHook(stopping);
    }

    /** Exports, from now on, the runs this process writes, to {@code endpoint} or where the variables say. */
    public static LiveExport start(String endpoint) {
        return new LiveExport(endpoint);
    }

    /** The runs exported so far, in the order they began. */
    public List<String> runIds() {
        return export.runIds();
    }

    /** Why spans were not exported, as far as is known now and when not said before, or null. */
    public String failure() {
        return export.failure();
    }

    /** Stops listening and sends the rest; returns why spans were not exported, when not said before, or null. */
    public String stop() {
        listening.close();
        try {
            Runtime.getRuntime().removeShutdownHook(stopping);
        } catch (IllegalStateException e) {
            // the process is being stopped, and the hook sends the rest
        }
        return export.close();
    }
}
