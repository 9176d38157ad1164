package dev.lumen.conformance.validation;

import dev.lumen.conformance.CompiledRuns;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.graalvm.polyglot.Engine;

/**
 * Validation never fails with anything but a ValidationError, whatever the schema and whatever the data:
 * generated records (nested, recursive, with `where` constraints that may be false or fail), lists, maps,
 * unions, enums, optional fields and results, against generated JSON with the mistakes models make and
 * worse (see {@link JsonData}) — by {@code validate} and {@code expect schema} of text and of Json values,
 * by a host value read as the type (as tool outputs are read) and by {@code patch}. Interpreted, and compiled
 * (every cell compiled before its first call, a bailout a failure) with the same outcome call by call.
 */
class SchemaValidationProperties {
    private static Engine interpreter;
    private static Engine compiled;

    private static synchronized Engine interpreter() {
        if (interpreter == null) {
            interpreter = ValidationRuns.engine(Map.of("engine.Compilation", "false"));
        }
        return interpreter;
    }

    private static synchronized Engine compiled() {
        if (compiled == null) {
            compiled = ValidationRuns.engine(CompiledRuns.engineOptions());
        }
        return compiled;
    }

    @AfterContainer
    static synchronized void closeEngines() {
        for (Engine e : new Engine[] {interpreter, compiled}) {
            if (e != null) {
                e.close();
            }
        }
        interpreter = null;
        compiled = null;
    }

    @Provide
    Arbitrary<ValidationCase> cases() {
        return Arbitraries.randomValue(ValidationCase::generate);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void validationGivesTheValueOrAValidationError(@ForAll("cases") ValidationCase c) {
        ValidationRuns.run(interpreter(), c);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    void compiledValidationDoesWhatTheInterpreterDoes(@ForAll("cases") ValidationCase c) {
        List<String> interpreted = ValidationRuns.run(interpreter(), c);
        ValidationRuns.assertSameOutcomes(interpreted, ValidationRuns.run(compiled(), c));
    }
}
