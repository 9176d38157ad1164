package dev.lumen.runtime.trace;

import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.RecordedValue;
import java.util.ArrayDeque;
import java.util.Deque;
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
                out.append(e.cached() ? "  cached" : "  " + e.latencyMs() + " ms");
                out.append(value("inputs", e.inputs()));
                if (e.errorKind() != null) {
                    out.append("  failed: ").append(e.errorKind()).append(": ").append(e.message());
                } else {
                    out.append(value("outputs", e.outputs()));
                }
            }
            case SCHEMA_VALIDATE -> out.append(' ').append(e.schema()).append(where)
                    .append(Boolean.TRUE.equals(e.valid()) ? "  valid" : "  invalid")
                    .append(value("inputs", e.inputs())).append(value("outputs", e.outputs()));
            case ERROR -> {
                out.append(' ').append(e.errorKind()).append(": ").append(e.message());
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
                    out.append("  ").append(e.errorKind()).append(": ").append(e.message());
                }
            }
        }
        return out.toString();
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
