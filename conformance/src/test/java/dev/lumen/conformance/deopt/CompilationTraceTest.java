package dev.lumen.conformance.deopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CompilationTrace} on logs in the format of Truffle's {@code --engine.TraceCompilation}. */
class CompilationTraceTest {
    private static final String SEARCH = "cell search";

    /** An {@code opt} line of {@code kind} for target {@code id} named {@code name}, as the engine prints it. */
    private static String line(String kind, int id, String name, String details) {
        return String.format("[engine] opt %-6s engine=3  id=%-6d %-40s |%s|UTC 2026-12-07T18:54:37.038|Src doc.lm.md:30",
                kind, id, name, details);
    }

    private static String done(int id, String name, int tier) {
        return line("done", id, name, "Tier " + tier + "|Time 26( 11+16 )ms|AST 7|Inlined 0Y 1N|IR 289/ 585|CodeSize 2849");
    }

    private static String deopt(int id, String name) {
        return line("deopt", id, name, " ".repeat(40));
    }

    private static String inval(int id, String name, String reason) {
        return line("inval.", id, name, " ".repeat(40)) + "|Reason " + reason;
    }

    @Test
    void aTargetRecompiledAndDeoptimizedOverAndOverIsALoop() {
        List<String> log = new ArrayList<>(List.of("[engine] opt queued engine=3 id=12 cell search |Tier 1"));
        for (int round = 0; round < 5; round++) {
            log.add(done(12, SEARCH, 1));
            log.add(deopt(12, SEARCH));
        }
        log.add(done(13, "cell run", 1));
        List<String> loops = CompilationTrace.of(String.join("\n", log)).thrownAwayMoreThan(3);
        assertEquals(1, loops.size(), loops::toString);
        assertTrue(loops.get(0).startsWith("cell search (engine 3, id 12): compiled code thrown away 5 times"), loops.get(0));
        assertTrue(loops.get(0).contains("deopt") && loops.get(0).contains("done Tier 1|Time"), loops.get(0));
    }

    @Test
    void eventsBeforeTheNextCompilationThrowAwayOneVersion() {
        // a recursive cell: every frame of the invalidated code deoptimizes, the profile is reported per reason
        List<String> log = new ArrayList<>(List.of(done(12, SEARCH, 1), done(12, SEARCH, 2)));
        for (int frame = 0; frame < 4; frame++) {
            log.add(inval(12, SEARCH, "Profiled Return Type"));
            log.add(deopt(12, SEARCH));
        }
        log.add(done(12, SEARCH, 1));
        CompilationTrace trace = CompilationTrace.of(String.join("\n", log));
        assertEquals(List.of(), trace.thrownAwayMoreThan(1));
        assertFalse(trace.thrownAwayMoreThan(0).isEmpty());
        assertEquals(3, trace.compilations());
    }

    @Test
    void targetsAreCountedApart() {
        String log = String.join("\n", done(1, "cell a", 1), deopt(1, "cell a"), done(2, "cell a", 1), deopt(2, "cell a"),
                done(1, "cell a", 1), deopt(1, "cell a"), done(3, "org.graalvm.polyglot.Value<LumenList>.getArrayElement", 1),
                deopt(3, "org.graalvm.polyglot.Value<LumenList>.getArrayElement"));
        CompilationTrace trace = CompilationTrace.of(log);
        assertEquals(List.of(), trace.thrownAwayMoreThan(2));
        assertEquals(List.of("cell a (engine 3, id 1)"), trace.thrownAwayMoreThan(1).stream()
                .map(t -> t.substring(0, t.indexOf(':'))).toList());
        assertTrue(trace.compiledACell());
    }

    @Test
    void onlyTheInteropTargetsCompiledIsNotACellCompiled() {
        CompilationTrace trace = CompilationTrace.of(String.join("\n", "lumen output",
                done(3, "org.graalvm.polyglot.Value<LumenModuleObject>.getMemberKeys", 1)));
        assertFalse(trace.compiledACell());
        assertEquals(1, trace.compilations());
    }
}
