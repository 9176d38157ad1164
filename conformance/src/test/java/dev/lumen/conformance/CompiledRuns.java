package dev.lumen.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the conformance tests run Lumen compiled: every cell compiled before its first call, a bailout a failure. */
public final class CompiledRuns {
    /** Polyglot options that compile every cell on its first call, synchronously, and fail on a bailout. */
    public static final List<String> OPTIONS = List.of(
            "--engine.CompileImmediately=true",
            "--engine.BackgroundCompilation=false",
            "--engine.CompilationFailureAction=Throw",
            // partial-evaluation hygiene: a virtual call, type check or allocation the compiler cannot resolve in
            // a compiled cell is a performance warning, and here a compilation failure
            "--compiler.TreatPerformanceWarningsAsErrors=all",
            // the polyglot API's own call targets (a host reading a list) are not Lumen's code; in an engine whose
            // contexts share code (the daemon's) their context lookups are virtual calls Lumen cannot change
            "--engine.CompileOnly=~org.graalvm.polyglot.Value<",
            // the inlining depth bin/lumen's optimizing JVM sets (bin/lumen-jvm.sh), which test JVMs do not
            "--compiler.InliningRecursionDepth=4");

    private CompiledRuns() {
    }

    /** {@link #OPTIONS} as engine options (experimental ones among them). */
    public static Map<String, String> engineOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : OPTIONS) {
            int eq = option.indexOf('=');
            options.put(option.substring(2, eq), option.substring(eq + 1));
        }
        return options;
    }
}
