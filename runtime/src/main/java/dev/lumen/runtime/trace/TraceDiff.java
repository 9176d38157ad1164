package dev.lumen.runtime.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two runs step by step (spec trace-v1.md §7). Events are aligned by their step — kind, cell, tool
 * and schema — in order; aligned steps are compared by their chained content (seq and the chain itself aside,
 * since one difference changes every later hash), values by their hashes. When the steps stop lining up,
 * a short look-ahead finds where they meet again, and the events in between are extra in one run.
 */
public final class TraceDiff {
    /** How far ahead to look for the step that brings the runs back in line. */
    private static final int LOOK_AHEAD = 64;
    /** Differences reported at most; the first is what matters most. */
    public static final int MAX_DIFFERENCES = 50;

    private TraceDiff() {
    }

    /** How two aligned steps (or a step and nothing) differ. */
    public enum Kind {
        /** The same step got different inputs (arguments, or the value validated). */
        DIFFERENT_INPUTS,
        /** The same step, with the same inputs, had a different outcome (output, result, validity, failure). */
        DIFFERENT_OUTPUTS,
        /** The same step differs in other members (doc_hash, tool_version, policy_hash, error message, …). */
        DIFFERENT_FIELDS,
        /** The runs took different steps here. */
        DIFFERENT_STEP,
        /** An event of run B with no counterpart in run A. */
        EXTRA,
        /** An event of run A with no counterpart in run B. */
        MISSING
    }

    /**
     * One difference.
     *
     * @param a           the event of run A (null for EXTRA)
     * @param b           the event of run B (null for MISSING)
     * @param fields      the chained members that differ, for aligned steps (values by their {@code _hash})
     * @param description a sentence for people
     */
    public record Difference(Kind kind, TraceEvent a, TraceEvent b, List<String> fields, String description) {
    }

    /**
     * The comparison.
     *
     * @param agreeing    how many events, from the first, the runs have in common
     * @param differences the differences in order, at most {@link #MAX_DIFFERENCES}
     * @param truncated   whether there were more
     */
    public record Result(int agreeing, List<Difference> differences, boolean truncated) {
        public boolean identical() {
            return differences.isEmpty();
        }
    }

    /** Compares run A with run B. */
    public static Result compare(Trace a, Trace b) {
        List<TraceEvent> as = a.events();
        List<TraceEvent> bs = b.events();
        List<Difference> out = new ArrayList<>();
        int agreeing = -1;
        int i = 0;
        int j = 0;
        while (i < as.size() && j < bs.size() && out.size() <= MAX_DIFFERENCES) {
            TraceEvent ea = as.get(i);
            TraceEvent eb = bs.get(j);
            if (sameStep(ea, eb)) {
                List<String> fields = differingFields(ea, eb);
                if (!fields.isEmpty()) {
                    if (agreeing < 0) {
                        agreeing = i;
                    }
                    out.add(aligned(ea, eb, fields));
                }
                i++;
                j++;
                continue;
            }
            if (agreeing < 0) {
                agreeing = i;
            }
            int extraInB = findStep(ea, bs, j + 1);
            int extraInA = findStep(eb, as, i + 1);
            if (extraInB >= 0 && (extraInA < 0 || extraInB - j <= extraInA - i)) {
                for (; j < extraInB; j++) {
                    out.add(new Difference(Kind.EXTRA, null, bs.get(j), List.of(), "B has an extra " + step(bs.get(j))));
                }
            } else if (extraInA >= 0) {
                for (; i < extraInA; i++) {
                    out.add(new Difference(Kind.MISSING, as.get(i), null, List.of(), "B has no " + step(as.get(i))));
                }
            } else {
                out.add(new Difference(Kind.DIFFERENT_STEP, ea, eb, List.of(),
                        "A has " + step(ea) + " where B has " + step(eb)));
                i++;
                j++;
            }
        }
        if (agreeing < 0 && (i < as.size() || j < bs.size())) {
            agreeing = Math.min(i, j);
        }
        for (; i < as.size() && out.size() <= MAX_DIFFERENCES; i++) {
            out.add(new Difference(Kind.MISSING, as.get(i), null, List.of(), "B has no " + step(as.get(i))));
        }
        for (; j < bs.size() && out.size() <= MAX_DIFFERENCES; j++) {
            out.add(new Difference(Kind.EXTRA, null, bs.get(j), List.of(), "B has an extra " + step(bs.get(j))));
        }
        boolean truncated = out.size() > MAX_DIFFERENCES;
        List<Difference> kept = truncated ? out.subList(0, MAX_DIFFERENCES) : out;
        return new Result(agreeing < 0 ? as.size() : agreeing, List.copyOf(kept), truncated);
    }

    /** A step in words: {@code tool_call `llm.chat` in cell `extract`}. */
    public static String step(TraceEvent e) {
        String kind = e.kindName();
        String cell = e.cell() == null ? "" : " in cell `" + e.cell() + "`";
        EventKind k = e.kind();
        if (k == null) {
            return kind;
        }
        return switch (k) {
            case RUN_START -> "run_start of cell `" + e.cell() + "`";
            case CELL_START, CELL_END -> kind + " `" + e.cell() + "`";
            case TOOL_CALL -> "tool_call `" + e.toolId() + "`" + cell;
            case SCHEMA_VALIDATE -> "schema_validate `" + e.schema() + "`" + cell;
            case ERROR -> "error" + cell;
            case RUN_END -> "run_end";
        };
    }

    private static boolean sameStep(TraceEvent a, TraceEvent b) {
        return Objects.equals(a.kindName(), b.kindName()) && Objects.equals(a.cell(), b.cell())
                && Objects.equals(a.toolId(), b.toolId()) && Objects.equals(a.schema(), b.schema());
    }

    private static int findStep(TraceEvent target, List<TraceEvent> events, int from) {
        for (int k = from; k < events.size() && k < from + LOOK_AHEAD; k++) {
            if (sameStep(target, events.get(k))) {
                return k;
            }
        }
        return -1;
    }

    /** The chained members that differ, values compared by hash, seq and the chain left out. */
    private static List<String> differingFields(TraceEvent a, TraceEvent b) {
        Map<String, JsonNode> ca = content(a);
        Map<String, JsonNode> cb = content(b);
        TreeSet<String> names = new TreeSet<>(ca.keySet());
        names.addAll(cb.keySet());
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(ca.get(name), cb.get(name))) {
                differing.add(name);
            }
        }
        return differing;
    }

    private static Map<String, JsonNode> content(TraceEvent e) {
        Map<String, JsonNode> content = new TreeMap<>();
        e.json().properties().forEach(member -> {
            String name = member.getKey();
            boolean valueDetail = name.equals("inputs") || name.equals("outputs") || name.endsWith("_preview")
                    || name.endsWith("_size");
            if (TraceFormat.chained(name) && !valueDetail && !name.equals("seq") && !name.equals("prev_hash")) {
                content.put(name, member.getValue());
            }
        });
        return content;
    }

    private static Difference aligned(TraceEvent a, TraceEvent b, List<String> fields) {
        String step = step(a);
        if (a.kind() == null) {
            return new Difference(Kind.DIFFERENT_FIELDS, a, b, fields, step + " differs in " + String.join(", ", fields));
        }
        if (fields.contains("inputs_hash")) {
            String what = switch (a.kind()) {
                case RUN_START -> "the run's arguments differ";
                case CELL_START -> "cell `" + a.cell() + "` was called with different arguments";
                case TOOL_CALL -> step + " was called with different inputs";
                case SCHEMA_VALIDATE -> step + " validated a different value";
                default -> step + " has different inputs";
            };
            return new Difference(Kind.DIFFERENT_INPUTS, a, b, fields, what);
        }
        boolean outcome = fields.contains("outputs_hash") || fields.contains("valid") || fields.contains("status")
                || fields.contains("error_kind");
        if (outcome) {
            String what = switch (a.kind()) {
                case TOOL_CALL -> a.errorKind() != null && b.errorKind() == null ? step + " failed in A but not in B"
                        : a.errorKind() == null && b.errorKind() != null ? step + " failed in B but not in A"
                        : step + " returned a different output";
                case CELL_END -> "cell `" + a.cell() + "` returned a different result";
                case SCHEMA_VALIDATE -> Objects.equals(a.valid(), b.valid()) ? step + " had a different outcome"
                        : step + " was " + (Boolean.TRUE.equals(a.valid()) ? "valid in A and invalid in B" : "invalid in A and valid in B");
                case RUN_END -> Objects.equals(a.status(), b.status()) ? "the run ended with a different result"
                        : "the run ended " + a.status() + " in A and " + b.status() + " in B";
                default -> step + " had a different outcome";
            };
            return new Difference(Kind.DIFFERENT_OUTPUTS, a, b, fields, what);
        }
        String what = fields.equals(List.of("doc_hash")) ? "the document differs"
                : step + " differs in " + String.join(", ", fields);
        return new Difference(Kind.DIFFERENT_FIELDS, a, b, fields, what);
    }
}
