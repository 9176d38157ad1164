package dev.lumen.launcher;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/HTTP collector on loopback: it takes {@code POST /v1/traces} with a protobuf body, as the protocol
 * says, decodes it with the protocol's own messages, and answers {@code status} (200 takes the spans).
 */
final class OtlpReceiver implements AutoCloseable {
    private final LoopbackHttp http;
    private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    OtlpReceiver(int status) throws IOException {
        http = new LoopbackHttp(exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())
                    || !"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                problems.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type"));
                LoopbackHttp.respond(exchange, 404, "");
                return;
            }
            bodies.add(body);
            try {
                requests.add(ExportTraceServiceRequest.parseFrom(body));
            } catch (InvalidProtocolBufferException e) {
                problems.add("not an ExportTraceServiceRequest: " + e.getMessage());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            LoopbackHttp.respond(exchange, status, "");
        });
    }

    /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT names a collector. */
    String endpoint() {
        return "http://127.0.0.1:" + http.port();
    }

    List<String> problems() {
        return problems;
    }

    List<byte[]> bodies() {
        return bodies;
    }

    List<ExportTraceServiceRequest> requests() {
        return requests;
    }

    /** Every span received, in the order received. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (ExportTraceServiceRequest request : requests) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    spans.addAll(scope.getSpansList());
                }
            }
        }
        return spans;
    }

    /** The one span named {@code name}. */
    Span span(String name) {
        List<Span> named = spans().stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("not one span named `" + name + "` but " + named.size() + ": "
                    + spans().stream().map(Span::getName).toList());
        }
        return named.getFirst();
    }

    /** The one span named {@code name}, once it has come, waiting at most {@code seconds} for it. */
    Span awaitSpan(String name, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (spans().stream().noneMatch(s -> s.getName().equals(name))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no span named `" + name + "` within " + seconds + " s: "
                        + spans().stream().map(Span::getName).toList());
            }
            Thread.sleep(20);
        }
        return span(name);
    }

    static Optional<AnyValue> attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue).findFirst();
    }

    static String text(Span span, String key) {
        return attribute(span.getAttributesList(), key)
                .orElseThrow(() -> new AssertionError("span " + span.getName() + " has no " + key)).getStringValue();
    }

    static long number(Span span, String key) {
        return attribute(span.getAttributesList(), key)
                .orElseThrow(() -> new AssertionError("span " + span.getName() + " has no " + key)).getIntValue();
    }

    static boolean has(Span span, String key) {
        return attribute(span.getAttributesList(), key).isPresent();
    }

    static boolean isRoot(Span span) {
        return span.getParentSpanId().equals(ByteString.EMPTY);
    }

    @Override
    public void close() {
        http.close();
    }
}
