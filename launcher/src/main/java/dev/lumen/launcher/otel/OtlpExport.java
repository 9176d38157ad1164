package dev.lumen.launcher.otel;

import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends runs as OTLP traces through the OpenTelemetry SDK, configured as its autoconfiguration reads the standard
 * {@code OTEL_*} variables (the endpoint, protocol, headers, timeout, service name, resource), with an endpoint
 * given on the command line winning over theirs. One export is one SDK: runs are given to it event by event, as
 * they are written ({@link #written}) or read back from their traces ({@link #emit}), and each span goes to the
 * SDK's batch processor as the event that ends it arrives. A failure is reported, never thrown: the runs it
 * exports are complete on disk whatever happens here.
 */
public final class OtlpExport {
    /** How long handing the last spans over may take, beyond which they are reported as not exported. */
    private static final long DEADLINE_SECONDS = 30;
    private static final String DEFAULT_ENDPOINT = "http://localhost:4318";
    private static final String TRACES_PATH = "/v1/traces";
    private static final String GRPC = "grpc";
    /** Held strongly, so that the level set on it lasts (java.util.logging keeps loggers weakly). */
    private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

    private final List<String> logged = new ArrayList<>();
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (logged) {
                    logged.add(record.getThrown() == null ? record.getMessage()
                            : record.getMessage() + " (" + describe(record.getThrown()) + ")");
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final boolean parentHandlers;
    private final Outcome outcome = new Outcome();
    private final EventIds ids = new EventIds();
    /** The SDK, or null when the configuration is not usable ({@link #failure} says why). */
    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    /** The runs given so far, in the order they began, with the spans of those not yet ended. */
    private final Set<String> runIds = new LinkedHashSet<>();
    private final Map<String, TraceSpans> running = new HashMap<>();
    private String failure;
    private boolean reported;
    private boolean closed;

    private OtlpExport(String endpoint) {
        // the SDK reports its failures through java.util.logging, whose console handler would print them with
        // stack traces: they are taken here and reported as one warning
        parentHandlers = SDK_LOG.getUseParentHandlers();
        SDK_LOG.setUseParentHandlers(false);
        SDK_LOG.addHandler(collect);
        OpenTelemetrySdk built = null;
        try {
            built = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(OtlpExport::defaults)
                    .addPropertiesCustomizer(OtlpExport::requireHttp)
                    .addPropertiesCustomizer(config -> endpoint == null ? Map.of() : endpointProperties(endpoint))
                    .addSpanExporterCustomizer((exporter, config) -> outcome.watch(exporter, config))
                    .addTracerProviderCustomizer((provider, config) -> provider.setIdGenerator(ids))
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            failure = "the OpenTelemetry configuration is not usable: " + e.getMessage();
        } catch (RuntimeException e) {
            failure = "the export failed: " + describe(e);
        }
        sdk = built;
        tracer = built == null ? null : tracer(built);
    }

    /** An export to {@code endpoint} (a base URL as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes), or where the variables say when it is null. */
    public static OtlpExport open(String endpoint) {
        return new OtlpExport(endpoint);
    }

    /**
     * Exports {@code traces}, each as one OTLP trace, to {@code endpoint}, or where the variables say when it is null.
     *
     * @return why the export failed, or null when the collector took every span
     */
    public static String export(List<Trace> traces, String endpoint) {
        OtlpExport export = open(endpoint);
        for (Trace trace : traces) {
            export.emit(trace);
        }
        return export.close();
    }

    /** The runs given so far, in the order they began. */
    public synchronized List<String> runIds() {
        return List.copyOf(runIds);
    }

    /** The next event of run {@code runId}, just written: the spans it ends go to the exporter now. */
    public synchronized void written(String runId, TraceEvent event) {
        if (closed) {
            return;
        }
        runIds.add(runId);
        if (tracer == null) {
            return;
        }
        try {
            TraceSpans spans = running.computeIfAbsent(runId, id -> new TraceSpans(tracer, ids, id));
            spans.add(event);
            if (event.kind() == EventKind.RUN_END) {
                running.remove(runId);
            }
        } catch (RuntimeException e) {
            // whatever the SDK or an event does here, the run goes on and its trace is on disk: a warning
            failure = failure != null ? failure : "the export failed: " + describe(e);
        }
    }

    /** The events of a recorded run, as {@link #written} would have had them; its open spans end at its last event. */
    public synchronized void emit(Trace trace) {
        for (TraceEvent event : trace.events()) {
            written(trace.runId(), event);
        }
        TraceSpans spans = running.remove(trace.runId());
        if (spans != null) {
            spans.finish();
        }
    }

    /** Why spans were not exported, as far as is known now (the exporter sends in the background), when not said before; else null. */
    public synchronized String failure() {
        return report();
    }

    /** {@link #close(long)}, waiting at most 30 s. */
    public String close() {
        return close(DEADLINE_SECONDS);
    }

    /**
     * Ends the spans of the runs not ended (at their last event so far), hands every span to the collector,
     * waiting at most {@code seconds}, and ends the export; closing again does nothing.
     *
     * @return why spans were not exported, when that was not said before; else null
     */
    public synchronized String close(long seconds) {
        if (closed) {
            return null;
        }
        closed = true;
        try {
            running.values().forEach(TraceSpans::finish);
            running.clear();
            if (sdk != null) {
                CompletableResultCode done = sdk.getSdkTracerProvider().shutdown().join(seconds, TimeUnit.SECONDS);
                if (!done.isDone() && failure == null) {
                    failure = outcome.where() + " did not answer within " + seconds + " s";
                }
                sdk.close();
            }
        } catch (RuntimeException e) {
            failure = failure != null ? failure : "the export failed: " + describe(e);
        } finally {
            SDK_LOG.removeHandler(collect);
            SDK_LOG.setUseParentHandlers(parentHandlers);
        }
        return report();
    }

    /** The failure so far, once: a later call says nothing of it. */
    private String report() {
        String now = failure != null ? failure : outcome.failure(logged);
        if (now == null || reported) {
            return null;
        }
        reported = true;
        return now;
    }

    /** What went wrong: the first message in {@code t}'s chain of causes, or its class (a refused connection has none). */
    private static String describe(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x.getMessage() != null) {
                return x.getClass().getName() + ": " + x.getMessage();
            }
        }
        return t.getClass().getName();
    }

    /** Lumen's tracer, with the launcher's version when its jar says it (a null version would get a no-op tracer). */
    private static Tracer tracer(OpenTelemetrySdk sdk) {
        TracerBuilder builder = sdk.tracerBuilder("dev.lumen");
        String version = OtlpExport.class.getPackage().getImplementationVersion();
        return version == null ? builder.build() : builder.setInstrumentationVersion(version).build();
    }

    /**
     * What Lumen's export means when the variables say nothing else: traces only, from the service `lumen`, over
     * OTLP/HTTP (the protocol the OTLP specification makes the default; the SDK's own default is gRPC), tried
     * once: the SDK's retries would hold a finished run for some ten seconds when no collector listens, and
     * {@code lumen trace export} sends the run again later.
     */
    private static Map<String, String> defaults() {
        return Map.of(
                "otel.service.name", "lumen",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.java.exporter.otlp.retry.disabled", "true",
                "otel.traces.exporter", "otlp",
                // a run is watched as it goes: what has ended leaves within a second, not the SDK's five
                "otel.bsp.schedule.delay", "1000",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none");
    }

    /**
     * Refuses gRPC, which the exporter Lumen has cannot speak (its only sender is the JDK's HTTP client), with the
     * variable that asks for it, rather than the SDK's "unexpected configuration error".
     */
    private static Map<String, String> requireHttp(ConfigProperties config) {
        String traces = config.getString("otel.exporter.otlp.traces.protocol");
        String protocol = traces != null ? traces : config.getString("otel.exporter.otlp.protocol");
        if (GRPC.equals(protocol)) {
            String variable = traces != null ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL";
            throw new ConfigurationException(variable + " is grpc, but Lumen exports over http/protobuf only: unset it "
                    + "or set it to http/protobuf");
        }
        return Map.of();
    }

    /** An endpoint of the command line, for the traces whatever the variables name. */
    private static Map<String, String> endpointProperties(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.exporter.otlp.endpoint", base);
        properties.put("otel.exporter.otlp.traces.endpoint", base + TRACES_PATH);
        return properties;
    }

    /** The exports the SDK made, and whether each was taken. */
    private static final class Outcome {
        private volatile String endpoint = DEFAULT_ENDPOINT;
        private volatile boolean failed;
        private volatile Throwable cause;

        SpanExporter watch(SpanExporter exporter, ConfigProperties config) {
            String base = config.getString("otel.exporter.otlp.endpoint", DEFAULT_ENDPOINT);
            endpoint = config.getString("otel.exporter.otlp.traces.endpoint", base);
            return new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    CompletableResultCode result = exporter.export(spans);
                    result.whenComplete(() -> {
                        if (!result.isSuccess()) {
                            failed = true;
                            cause = result.getFailureThrowable();
                        }
                    });
                    return result;
                }

                @Override
                public CompletableResultCode flush() {
                    return exporter.flush();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return exporter.shutdown();
                }
            };
        }

        String where() {
            return "the OTLP endpoint " + endpoint;
        }

        String failure(List<String> logged) {
            if (!failed) {
                return null;
            }
            String reason;
            synchronized (logged) {
                reason = !logged.isEmpty() ? logged.getFirst()
                        : cause != null ? String.valueOf(cause.getMessage()) : "the export failed";
            }
            return where() + " did not take the spans: " + reason;
        }
    }
}
