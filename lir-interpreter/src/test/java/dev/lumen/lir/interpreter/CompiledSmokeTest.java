package dev.lumen.lir.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

class CompiledSmokeTest {
    @Test
    void sumCompiles() {
        try (Context ctx = Lir.compilingContext()) {
            Value m = new Lir().cell(SmokeTest.sum()).eval(ctx);
            for (int i = 0; i < 5; i++) {
                assertEquals(4950L, m.getMember("sum").execute(100).asLong());
            }
        }
    }
}
