package dev.lumen.launcher.otel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans of a recorded run (spec run.md §6.6): one for the run, one per effectful cell (its {@code cell_start}
 * to its {@code cell_end}) and one per tool call, nested as the events are, timed by the events' timestamps.
 * Each span names the event it comes from: {@code lumen.trace_id} (the run id, as {@code trace_ref()} names it),
 * {@code lumen.seq}, {@code lumen.hash}. Values appear only as their hashes, so what the trace redacted stays
 * redacted.
 */
public final class TraceSpans {
    /** The tool whose calls are model calls, with the GenAI conventions' attributes. */
    private static final String MODEL_TOOL = "llm.chat";
    private static final String MCP_PREFIX = "mcp:";

    private final Tracer tracer;
    private final EventIds ids;
    private final String runId;
    /** The open spans: the run's, then each cell's inside it. */
    private final Deque<Span> open = new ArrayDeque<>();
    private Instant last = Instant.EPOCH;

    /** The spans of run {@code runId}, started and ended through {@code tracer} as its events are {@link #add added}. */
    TraceSpans(Tracer tracer, EventIds ids, String runId) {
        this.tracer = tracer;
        this.ids = ids;
        this.runId = runId;
    }

    /** Starts and ends, through {@code tracer}, the spans of {@code trace}; spans still open when it ends (an unfinished run) end at its last event. */
    static void emit(Tracer tracer, EventIds ids, Trace trace) {
        TraceSpans spans = new TraceSpans(tracer, ids, trace.runId());
        for (TraceEvent event : trace.events()) {
            spans.add(event);
        }
        spans.finish();
    }

    /** Ends the spans still open (a run without {@code run_end}, so far) at the last event. */
    void finish() {
        while (!open.isEmpty()) {
            open.pop().end(last);
        }
    }

    /**
     * The next event of the run, in the trace's order: a span starts at the event that begins it and is ended,
     * and so handed to the exporter, at the event that ends it (a tool call's at its own event).
     */
    void add(TraceEvent event) {
        Instant at = timestamp(event);
        EventKind kind = event.kind();
        if (kind == null) {
            return;
        }
        switch (kind) {
            case RUN_START -> {
                Span run = start("run " + event.cell(), SpanKind.INTERNAL, at, event)
                        .setAttribute("lumen.doc_hash", nonNull(event.docHash()))
                        .startSpan();
                if (event.doc() != null) {
                    run.setAttribute("lumen.doc", event.doc());
                }
                open.push(run);
            }
            case CELL_START -> open.push(start("cell " + event.cell(), SpanKind.INTERNAL, at, event).startSpan());
            case CELL_END -> {
                if (open.size() > 1) {
                    Span cell = open.pop();
                    endAttributes(cell, event);
                    cell.end(at);
                }
            }
            case TOOL_CALL -> toolCall(event, at);
            case SCHEMA_VALIDATE -> addEvent("schema_validate", event, at, Attributes.of(
                    AttributeKey.stringKey("lumen.schema"), nonNull(event.schema()),
                    AttributeKey.booleanKey("lumen.valid"), Boolean.TRUE.equals(event.valid())));
            case ERROR -> {
                addEvent("exception", event, at, Attributes.of(
                        AttributeKey.stringKey("exception.type"), nonNull(event.errorKind()),
                        AttributeKey.stringKey("exception.message"), nonNull(event.message())));
                Span current = open.peek();
                if (current != null) {
                    current.setStatus(StatusCode.ERROR, nonNull(event.message()));
                }
            }
            case RUN_END -> {
                while (open.size() > 1) {
                    open.pop().end(at);
                }
                Span run = open.poll();
                if (run != null) {
                    endAttributes(run, event);
                    run.setAttribute("lumen.status", nonNull(event.status()));
                    if ("error".equals(event.status())) {
                        run.setAttribute("error.type", nonNull(event.errorKind()));
                        run.setStatus(StatusCode.ERROR, nonNull(event.message()));
                    }
                    run.end(at);
                }
            }
        }
    }

    /** A tool call ends at its event; it began {@code latency_ms} before. */
    private void toolCall(TraceEvent event, Instant end) {
        String toolId = nonNull(event.toolId());
        long latency = Math.max(0, event.latencyMs());
        SpanBuilder builder = start(toolSpanName(event, toolId), SpanKind.CLIENT, end.minusMillis(latency), event)
                .setAttribute("lumen.tool_id", toolId)
                .setAttribute("lumen.tool_version", nonNull(event.toolVersion()))
                .setAttribute("lumen.policy_hash", nonNull(event.policyHash()))
                .setAttribute("lumen.cached", event.cached());
        if (!event.performed()) {
            builder.setAttribute("lumen.performed", false);
        }
        if (event.outputsHash() != null) {
            builder.setAttribute("lumen.outputs_hash", event.outputsHash());
        }
        if (isModelCall(event, toolId)) {
            GenAiAttributes.modelCall(builder, event.json().get("usage"));
        } else if (toolId.startsWith(MCP_PREFIX)) {
            McpAttributes.toolCall(builder, toolId.substring(MCP_PREFIX.length()), event.json().get("server"));
        } else {
            builder.setAttribute("gen_ai.operation.name", "execute_tool").setAttribute("gen_ai.tool.name", toolId);
        }
        Span span = builder.startSpan();
        if (event.errorKind() != null) {
            span.setAttribute("error.type", event.errorKind());
            span.setStatus(StatusCode.ERROR, nonNull(event.message()));
        }
        span.end(end);
    }

    /** The conventions' span names: {@code chat MODEL}, {@code tools/call TOOL}, {@code execute_tool TOOL}. */
    private static String toolSpanName(TraceEvent event, String toolId) {
        if (isModelCall(event, toolId)) {
            String model = GenAiAttributes.requestModel(event.json().get("usage"));
            return model == null ? "chat" : "chat " + model;
        }
        if (toolId.startsWith(MCP_PREFIX)) {
            return McpAttributes.METHOD + " " + McpAttributes.toolName(toolId.substring(MCP_PREFIX.length()));
        }
        return "execute_tool " + toolId;
    }

    private static boolean isModelCall(TraceEvent event, String toolId) {
        JsonNode usage = event.json().get("usage");
        return MODEL_TOOL.equals(toolId) || usage != null && usage.has("gen_ai.request.model");
    }

    /**
     * A span of {@code event}, under the innermost open span (a new trace's root when there is none), to be
     * started before any other: its ids are the event's.
     */
    private SpanBuilder start(String name, SpanKind kind, Instant at, TraceEvent event) {
        Span parent = open.peek();
        ids.next(runId, event.seq());
        SpanBuilder builder = tracer.spanBuilder(name)
                .setSpanKind(kind)
                .setParent(parent == null ? Context.root() : Context.root().with(parent))
                .setStartTimestamp(at)
                .setAttribute("lumen.trace_id", runId)
                .setAttribute("lumen.seq", event.seq())
                .setAttribute("lumen.hash", nonNull(event.hash()));
        if (event.cell() != null) {
            builder.setAttribute("lumen.cell", event.cell());
        }
        if (event.inputsHash() != null) {
            builder.setAttribute("lumen.inputs_hash", event.inputsHash());
        }
        return builder;
    }

    /** The event that ends a span: its seq and hash, and the hash of the result. */
    private static void endAttributes(Span span, TraceEvent end) {
        span.setAttribute("lumen.end_seq", end.seq());
        span.setAttribute("lumen.end_hash", nonNull(end.hash()));
        if (end.outputsHash() != null) {
            span.setAttribute("lumen.outputs_hash", end.outputsHash());
        }
    }

    /** An event without a span of its own (a validation, an error): a span event on the innermost open span. */
    private void addEvent(String name, TraceEvent event, Instant at, Attributes attributes) {
        Span current = open.peek();
        if (current == null) {
            return;
        }
        AttributesBuilder all = attributes.toBuilder()
                .put("lumen.seq", event.seq())
                .put("lumen.hash", nonNull(event.hash()));
        current.addEvent(name, all.build(), at);
    }

    private Instant timestamp(TraceEvent event) {
        try {
            if (event.timestamp() != null) {
                last = Instant.parse(event.timestamp());
            }
        } catch (DateTimeParseException e) {
            // an unreadable time: the event is placed at the previous one's
        }
        return last;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** The members of a JSON object of figures (a tool's usage) as attributes of the same names, but {@code skipped}. */
    static void copyFigures(SpanBuilder builder, JsonNode figures, Set<String> skipped) {
        if (figures == null || !figures.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : figures.properties()) {
            if (skipped.contains(member.getKey())) {
                continue;
            }
            JsonNode v = member.getValue();
            String key = member.getKey();
            if (v.isIntegralNumber()) {
                builder.setAttribute(key, v.longValue());
            } else if (v.isNumber()) {
                builder.setAttribute(key, v.doubleValue());
            } else if (v.isBoolean()) {
                builder.setAttribute(key, v.booleanValue());
            } else if (v.isTextual()) {
                builder.setAttribute(key, v.textValue());
            } else if (v.isArray()) {
                List<String> texts = new ArrayList<>();
                v.forEach(item -> texts.add(item.isTextual() ? item.textValue() : item.toString()));
                builder.setAttribute(AttributeKey.stringArrayKey(key), texts);
            }
        }
    }
}
