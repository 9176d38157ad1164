package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.RecordedValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The readable form of a trace ({@code lumen trace show}): a header, then one line per event — its seq, the
 * event indented by the nesting of effectful cells, short hashes (12 hex digits) and previews of values.
 */
public final class TraceRenderer {
    /** Characters of a value shown at most in a preview. */
    static final int PREVIEW_CHARS = 48;

    private TraceRenderer() {
    }

    /** The whole trace, one line per event, each ending in a newline. */
    public static String render(Trace trace) {
        StringBuilder out = new StringBuilder();
        TraceEvent start = trace.start();
        out.append("run ").append(trace.runId());
        if (start != null) {
            if (start.doc() != null) {
                out.append("  doc ").append(start.doc());
            }
            out.append("  cell ").append(start.cell());
            out.append("  started ").append(start.timestamp());
        }
        out.append('\n');
        Deque<String> cells = new ArrayDeque<>();
        for (TraceEvent e : trace.events()) {
            if (e.kind() == EventKind.CELL_END && !cells.isEmpty()) {
                cells.pop();
            }
            out.append(String.format("%4d  ", e.seq())).append("  ".repeat(cells.size()));
            out.append(line(e, cells.peek())).append('\n');
            if (e.kind() == EventKind.CELL_START) {
                cells.push(e.cell());
            }
        }
        if (trace.problem() != null) {
            out.append("      … ").append(trace.problem()).append('\n');
        } else if (!trace.finished()) {
            out.append("      … the run has not finished (no run_end)\n");
        }
        return out.toString();
    }

    /** One event without seq and indentation; {@code openCell} is the innermost cell_start not yet ended. */
    public static String line(TraceEvent e, String openCell) {
        EventKind kind = e.kind();
        if (kind == null) {
            return e.kindName();
        }
        String where = e.cell() != null && !e.cell().equals(openCell) ? " in " + e.cell() : "";
        StringBuilder out = new StringBuilder(kind.wireName());
        switch (kind) {
            case RUN_START -> out.append(' ').append(e.cell()).append("  doc ").append(ContentHash.brief(e.docHash()))
                    .append(value("inputs", e.inputs()));
            case CELL_START -> out.append(' ').append(e.cell()).append(value("inputs", e.inputs()));
            case CELL_END -> out.append(' ').append(e.cell()).append(value("outputs", e.outputs()));
            case TOOL_CALL -> {
                out.append(' ').append(e.toolId()).append(' ').append(e.toolVersion()).append(where);
                out.append(!e.performed() ? "  not performed (offline)"
                        : e.cached() ? "  cached" : "  " + e.latencyMs() + " ms");
                out.append(value("inputs", e.inputs()));
                if (e.errorKind() != null) {
                    out.append("  failed: ").append(e.errorKind()).append(": ").append(oneLine(e.message()));
                } else {
                    out.append(value("outputs", e.outputs()));
                }
                out.append(serverRequests(e));
            }
            case SCHEMA_VALIDATE -> out.append(' ').append(e.schema()).append(where)
                    .append(Boolean.TRUE.equals(e.valid()) ? "  valid" : "  invalid")
                    .append(value("inputs", e.inputs())).append(value("outputs", e.outputs()));
            case ERROR -> {
                out.append(' ').append(e.errorKind()).append(": ").append(oneLine(e.message()));
                if (e.lineInDocument() > 0) {
                    out.append("  at ").append(e.lineInDocument()).append(':').append(e.column());
                }
                out.append(where);
            }
            case RUN_END -> {
                out.append(' ').append(e.status());
                if ("ok".equals(e.status())) {
                    out.append(value("outputs", e.outputs()));
                } else {
                    out.append("  ").append(e.errorKind()).append(": ").append(oneLine(e.message()));
                }
            }
        }
        return out.toString();
    }

    /**
     * The requests an MCP server sent the client during a call, and how each was answered (mcp-bridge-v1.md
     * §11.3): {@code  server asked elicitation/create (accept), sampling/createMessage (refused -32601)}.
     */
    private static String serverRequests(TraceEvent e) {
        JsonNode requests = e.json().path("server").path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            return "";
        }
        List<String> asked = new ArrayList<>();
        for (JsonNode r : requests) {
            JsonNode action = r.path("result").path("action");
            String answer = r.path("error").isObject() ? "refused " + r.path("error").path("code").asText()
                    : action.isTextual() ? action.asText() : "answered";
            asked.add(r.path("method").asText() + " (" + answer + ")");
        }
        return "  server asked " + String.join(", ", asked);
    }

    /**
     * The readable form of a comparison ({@code lumen trace diff}): both runs, how many events they share, the
     * first difference with the members that differ in each run, then the other differences one per line.
     */
    public static String renderDiff(Trace a, Trace b, TraceDiff.Result result) {
        StringBuilder out = new StringBuilder();
        out.append("A ").append(a.runId()).append("  ").append(plural(a.events().size(), "event")).append('\n');
        out.append("B ").append(b.runId()).append("  ").append(plural(b.events().size(), "event")).append('\n');
        if (result.identical()) {
            out.append("the runs are identical\n");
            return out.toString();
        }
        out.append(result.agreeing() == 0 ? "the runs differ from the first event\n"
                : "the runs agree on their first " + plural(result.agreeing(), "event") + "\n");
        TraceDiff.Difference first = result.differences().getFirst();
        out.append("first difference, at ").append(position(first)).append(": ").append(first.description()).append('\n');
        details(first, out);
        if (result.differences().size() > 1) {
            out.append("then:\n");
            for (TraceDiff.Difference d : result.differences().subList(1, result.differences().size())) {
                out.append("  ").append(position(d)).append(": ").append(d.description()).append('\n');
            }
            if (result.truncated()) {
                out.append("  … and more\n");
            }
        }
        return out.toString();
    }

    private static void details(TraceDiff.Difference d, StringBuilder out) {
        if (d.a() == null || d.b() == null) {
            TraceEvent only = d.a() != null ? d.a() : d.b();
            out.append("  ").append(d.a() != null ? "A" : "B").append("  ").append(line(only, null)).append('\n');
            return;
        }
        if (d.fields().isEmpty()) {
            out.append("  A  ").append(line(d.a(), null)).append('\n');
            out.append("  B  ").append(line(d.b(), null)).append('\n');
            return;
        }
        for (TraceEvent e : new TraceEvent[] {d.a(), d.b()}) {
            out.append("  ").append(e == d.a() ? "A" : "B");
            for (String field : d.fields()) {
                out.append("  ").append(member(e, field));
            }
            out.append('\n');
        }
    }

    /** A member for a diff: a value by its short hash and preview, anything else as JSON. */
    private static String member(TraceEvent e, String field) {
        if (field.endsWith("_hash") && (field.equals("inputs_hash") || field.equals("outputs_hash"))) {
            String name = field.substring(0, field.length() - "_hash".length());
            Optional<RecordedValue> v = name.equals("inputs") ? e.inputs() : e.outputs();
            return v.map(r -> name + " " + ContentHash.brief(r.hash()) + " " + preview(r)).orElse(name + " (none)");
        }
        var node = e.json().get(field);
        if (node == null) {
            return field + " (none)";
        }
        return field + " " + (node.isTextual() && ContentHash.isValid(node.textValue())
                ? ContentHash.brief(node.textValue()) : node.toString());
    }

    private static String position(TraceDiff.Difference d) {
        if (d.a() != null && d.b() != null && d.a().seq() == d.b().seq()) {
            return "seq " + d.a().seq();
        }
        return "seq " + (d.a() == null ? "-" : Long.toString(d.a().seq())) + "/" + (d.b() == null ? "-" : Long.toString(d.b().seq()));
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A message on the event's line: line breaks (a ValidationError's list of failures) shown as {@code ⏎}. */
    private static String oneLine(String message) {
        return message == null ? null : message.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ");
    }

    /** {@code  NAME <hash> <preview>}, or nothing for an absent value. */
    private static String value(String name, Optional<RecordedValue> v) {
        return v.map(r -> "  " + name + " " + ContentHash.brief(r.hash()) + " " + preview(r)).orElse("");
    }

    /** The start of a value's canonical JSON, cut with … when longer; a blob's size is added. */
    public static String preview(RecordedValue v) {
        String text = v.preview();
        boolean cut = !v.isInline();
        if (text.codePointCount(0, text.length()) > PREVIEW_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, PREVIEW_CHARS));
            cut = true;
        }
        return cut ? text + "…" + (v.isInline() ? "" : " (" + v.size() + " bytes)") : text;
    }
}
