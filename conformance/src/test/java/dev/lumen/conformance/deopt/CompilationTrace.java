package dev.lumen.conformance.deopt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine's compilation log ({@code --engine.TraceCompilation}), read as the versions of compiled code each
 * call target had and how many of them were thrown away. A version is thrown away when, after its
 * {@code opt done}, the target has an {@code opt deopt} or {@code opt inval.}; the events that follow before the
 * next {@code opt done} concern the same version (each recursive frame on the stack deoptimizes on its own, an
 * invalidation can be reported once per reason), so they do not count again.
 */
final class CompilationTrace {
    private static final Pattern EVENT = Pattern.compile(
            "\\[engine] opt (done|deopt|inval\\.)\\s+engine=(\\d+)\\s+id=(\\d+)\\s+(.+?)\\s*\\|(.*)");

    private final Map<String, Target> targets = new LinkedHashMap<>();

    private CompilationTrace() {
    }

    /** The trace in {@code log}; lines other than compilation events are ignored. */
    static CompilationTrace of(String log) {
        CompilationTrace trace = new CompilationTrace();
        for (String line : log.lines().toList()) {
            Matcher m = EVENT.matcher(line);
            if (m.find()) {
                String name = m.group(4) + " (engine " + m.group(2) + ", id " + m.group(3) + ")";
                trace.targets.computeIfAbsent(name, Target::new).add(m.group(1), m.group(5));
            }
        }
        return trace;
    }

    /** How many versions of compiled code were installed, over all targets. */
    int compilations() {
        return targets.values().stream().mapToInt(t -> t.compilations).sum();
    }

    /** How many versions of compiled code the targets named {@code name} (as {@code cell fib}) had. */
    int compilations(String name) {
        return targets.entrySet().stream().filter(e -> e.getKey().startsWith(name + " (engine "))
                .mapToInt(e -> e.getValue().compilations).sum();
    }

    /** Whether a Lumen cell (not only the polyglot API's own call targets) was compiled. */
    boolean compiledACell() {
        return targets.values().stream().anyMatch(t -> t.name.startsWith("cell ") && t.compilations > 0);
    }

    /** The targets that threw away more than {@code limit} versions, each with the count and its events. */
    List<String> thrownAwayMoreThan(int limit) {
        return targets.values().stream().filter(t -> t.thrownAway > limit)
                .map(t -> t.name + ": compiled code thrown away " + t.thrownAway + " times; its events:\n    "
                        + String.join("\n    ", t.events))
                .toList();
    }

    private static final class Target {
        final String name;
        final List<String> events = new ArrayList<>();
        int compilations;
        int thrownAway;
        /** Whether the latest version is still in use (nothing has deoptimized or invalidated it yet). */
        boolean live = true;

        Target(String name) {
            this.name = name;
        }

        void add(String kind, String details) {
            events.add(kind + " " + details.replaceAll("\\s+", " ").trim());
            if (kind.equals("done")) {
                compilations++;
                live = true;
            } else if (live) {
                thrownAway++;
                live = false;
            }
        }
    }
}
