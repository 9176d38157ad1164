package dev.lumen.launcher.otel;

import dev.lumen.runtime.trace.Trace;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends recorded runs as OTLP traces through the OpenTelemetry SDK, configured as its autoconfiguration reads
 * the standard {@code OTEL_*} variables (the endpoint, protocol, headers, timeout, service name, resource), with
 * an endpoint given on the command line winning over theirs. A failure is reported, never thrown: the run it
 * exports is complete on disk whatever happens here.
 */
public final class OtlpExport {
    /** How long the whole export may take, beyond which the run is reported as not exported. */
    private static final long DEADLINE_SECONDS = 30;
    private static final String DEFAULT_ENDPOINT = "http://localhost:4318";
    private static final String TRACES_PATH = "/v1/traces";
    /** Held strongly, so that the level set on it lasts (java.util.logging keeps loggers weakly). */
    private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

    private OtlpExport() {
    }

    /**
     * Exports {@code traces}, each as one OTLP trace, to {@code endpoint} (a base URL as
     * {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes), or where the variables say when it is null.
     *
     * @return why the export failed, or null when the collector took every span
     */
    public static String export(List<Trace> traces, String endpoint) {
        List<String> logged = new ArrayList<>();
        Handler collect = new Handler() {
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
        // the SDK reports its failures through java.util.logging, whose console handler would print them with
        // stack traces: they are taken here and reported as one warning
        boolean parentHandlers = SDK_LOG.getUseParentHandlers();
        SDK_LOG.setUseParentHandlers(false);
        SDK_LOG.addHandler(collect);
        try {
            return exportLogged(traces, endpoint, logged);
        } catch (RuntimeException e) {
            // whatever the SDK or a trace does here, the run has ended and its trace is on disk: a warning
            return "the export failed: " + describe(e);
        } finally {
            SDK_LOG.removeHandler(collect);
            SDK_LOG.setUseParentHandlers(parentHandlers);
        }
    }

    private static String exportLogged(List<Trace> traces, String endpoint, List<String> logged) {
        Outcome outcome = new Outcome();
        EventIds ids = new EventIds();
        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(OtlpExport::defaults)
                    .addPropertiesCustomizer(config -> endpoint == null ? Map.of() : endpointProperties(endpoint))
                    .addSpanExporterCustomizer((exporter, config) -> outcome.watch(exporter, config))
                    .addTracerProviderCustomizer((provider, config) -> provider.setIdGenerator(ids))
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            return "the OpenTelemetry configuration is not usable: " + e.getMessage();
        }
        try {
            Tracer tracer = tracer(sdk);
            for (Trace trace : traces) {
                TraceSpans.emit(tracer, ids, trace);
            }
            CompletableResultCode done = sdk.getSdkTracerProvider().shutdown().join(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (!done.isDone()) {
                return outcome.where() + " did not answer within " + DEADLINE_SECONDS + " s";
            }
        } finally {
            sdk.close();
        }
        return outcome.failure(logged);
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
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none");
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
