package dev.lumen.lir;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;

/**
 * Guards the optimizing runtime. Truffle silently falls back to an interpreter-only runtime when the Graal
 * compiler is missing from the upgrade module path (or is newer than the JDK); this test makes that fallback
 * fail the build instead of quietly costing ~50× on hot code.
 */
class OptimizingRuntimeTest {

    @Test
    void truffleRunsOnTheGraalCompiler() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            String implementation = engine.getImplementationName();
            assertNotEquals("Interpreted", implementation,
                    "Truffle fell back to the interpreter-only runtime: the Graal compiler jars (graalvm.version in"
                            + " the parent pom) must be on --upgrade-module-path with -XX:+EnableJVMCI (java.version="
                            + System.getProperty("java.version") + ")");
        }
    }
}
