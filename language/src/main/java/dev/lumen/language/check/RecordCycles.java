package dev.lumen.language.check;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E0027: a record that contains itself, directly or through other records, with no indirection on the way
 * (a list, a map, or a union with Null), could never be built: every value would need another one inside.
 */
final class RecordCycles {
    private final Context cx;
    private final Set<RecordInfo> reported = new HashSet<>();
    /** Each record's strongly connected component of direct containment: a cycle never leaves one. */
    private Map<RecordInfo, Integer> components;

    RecordCycles(Context cx) {
        this.cx = cx;
    }

    void check() {
        // A search for a record's cycle stays inside its component: a long chain of records is then searched
        // once, not once from each of them.
        components = StronglyConnected.components(cx.symbols.records.values(),
                r -> edges(r).stream().map(Edge::to).toList());
        for (RecordInfo start : cx.symbols.records.values()) {
            if (reported.contains(start)) {
                continue;
            }
            List<RecordInfo.Field> path = new ArrayList<>();
            List<RecordInfo> owners = new ArrayList<>();
            if (find(start, path, owners)) {
                report(start, path, owners);
            }
        }
    }

    /** A record being searched, and the records its fields hold directly that are still to be followed. */
    private record Step(RecordInfo record, Iterator<Edge> edges) {
    }

    /** A field of a record and the record that field holds directly. */
    private record Edge(RecordInfo.Field field, RecordInfo to) {
    }

    /**
     * Depth-first search for a path of direct containment from {@code target} back to itself, filling in
     * {@code path} and the records that own its fields. Iterative: a chain of thousands of records, each holding
     * the next, is as deep as the search goes.
     */
    private boolean find(RecordInfo target, List<RecordInfo.Field> path, List<RecordInfo> owners) {
        Set<RecordInfo> visited = new HashSet<>();
        visited.add(target);
        Deque<Step> stack = new ArrayDeque<>();
        stack.push(new Step(target, edges(target).iterator()));
        while (!stack.isEmpty()) {
            Step top = stack.peek();
            if (!top.edges().hasNext()) {
                stack.pop();
                if (!stack.isEmpty()) {
                    path.remove(path.size() - 1);
                    owners.remove(owners.size() - 1);
                }
                continue;
            }
            Edge e = top.edges().next();
            if (!components.get(e.to()).equals(components.get(target))) {
                continue; // no way back to the target from another component
            }
            if (e.to() == target || visited.add(e.to())) {
                path.add(e.field());
                owners.add(top.record());
                if (e.to() == target) {
                    return true;
                }
                stack.push(new Step(e.to(), edges(e.to()).iterator()));
            }
        }
        return false;
    }

    private List<Edge> edges(RecordInfo at) {
        List<Edge> out = new ArrayList<>();
        for (RecordInfo.Field f : at.fields()) {
            for (RecordType r : directRecords(f.type())) {
                RecordInfo next = cx.symbols.record(r.name());
                if (next != null && next.type() == r) {
                    out.add(new Edge(f, next));
                }
            }
        }
        return out;
    }

    /** User records a value of this type always holds directly. */
    private static List<RecordType> directRecords(Type t) {
        List<RecordType> out = new ArrayList<>();
        switch (t) {
            case RecordType r when r.kind() == RecordType.Kind.USER -> out.add(r);
            case Type.UnionType u when !u.contains(Type.NULL) -> u.members().forEach(m -> out.addAll(directRecords(m)));
            case Type.ResultType r -> {
                out.addAll(directRecords(r.ok()));
                out.addAll(directRecords(r.err()));
            }
            default -> {
            }
        }
        return out;
    }

    private void report(RecordInfo start, List<RecordInfo.Field> path, List<RecordInfo> owners) {
        reported.addAll(owners);
        RecordInfo.Field first = path.get(0);
        Map<String, RecordInfo> names = new LinkedHashMap<>();
        owners.forEach(o -> names.put(o.name(), o));
        Diagnostic.Builder d;
        if (names.size() == 1) {
            d = Diagnostic.error(Code.E0027, start.decl().name().span(),
                            "record `" + start.name() + "` contains itself without indirection")
                    .label("recursive record")
                    .secondary(first.decl().type().span(), "`" + first.name() + "` contains `" + start.name()
                            + "` directly");
        } else {
            d = Diagnostic.error(Code.E0027, start.decl().name().span(),
                            "records " + Names.quotedList(names.keySet()) + " contain each other without indirection")
                    .label("recursive record");
            for (int i = 0; i < path.size(); i++) {
                RecordInfo.Field f = path.get(i);
                String holds = i + 1 < owners.size() ? owners.get(i + 1).name() : start.name();
                d.secondary(f.decl().type().span(), "`" + owners.get(i).name() + "." + f.name() + "` contains `"
                        + holds + "`");
            }
        }
        String field = first.name();
        String target = path.size() == 1 ? start.name() : owners.get(1).name();
        cx.report(d.note("a value of `" + start.name() + "` would need another `" + start.name()
                        + "` inside it, forever")
                .help("make the field optional (`" + field + ": " + target + " | Null`) or a list (`" + field
                        + ": list[" + target + "]`)"));
    }
}
