package dev.lumen.conformance.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.conformance.CompiledRuns;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * `where` constraints that fail with a runtime error on every reply (an index into an empty list, a division
 * by zero, an overflow, a missing key), validated again and again on the compiled runtime: each validation
 * gives the same ValidationError as in the interpreter. The constraint cells raised their errors through
 * deoptimizations that invalidated them, until the runtime stopped compiling them ("Deopt taken too many
 * times"), an internal error out of validation.
 */
class CompiledConstraintErrorsTest {
    static final String DOCUMENT = """
            # Constraints that cannot be checked
            ```lumen
            record Reply
              xs: list[list[Int]] where (xs[0][0] == xs[0][0])
              n: Int where (100 / n > 0)
              m: Int where (m * m >= 0)
              k: map[String, Int] where (k["a"] > 0)
            end
            cell soft(text: String) -> result[Reply, ValidationError]
              return validate(schema Reply, text)
            end
            ```
            """;
    static final String REPLY = "{\"xs\":[],\"n\":0,\"m\":4611686018427387904,\"k\":{}}";
    /** Past Truffle's deoptimization cycle detection, which starts after 15 compilations of a cell. */
    static final int VALIDATIONS = 40;

    @Test
    void constraintsThatFailOnEveryReplyGiveTheSameErrorCompiled() {
        List<String> interpreted = validations(Map.of("engine.Compilation", "false"));
        List<String> compiled = validations(CompiledRuns.engineOptions());
        assertTrue(interpreted.get(0).startsWith("4 validation errors for Reply"), interpreted.get(0));
        assertEquals(interpreted, compiled);
    }

    private static List<String> validations(Map<String, String> options) {
        Path store = ValidationRuns.temporaryStore();
        List<String> outcomes = new ArrayList<>();
        try (Engine engine = ValidationRuns.engine(options);
             Context context = Context.newBuilder("lumen").engine(engine).option("lumen.Store", store.toString())
                     .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build()) {
            Value soft = context.eval(Source.newBuilder("lumen", DOCUMENT, "constraints.lm.md").buildLiteral()).getMember("soft");
            for (int i = 0; i < VALIDATIONS; i++) {
                try {
                    outcomes.add(soft.execute(REPLY).getMember("err").getMember("message").asString());
                } catch (PolyglotException e) {
                    outcomes.add("validation " + i + " failed: " + e.getMessage());
                    break;
                }
            }
        } finally {
            ValidationRuns.delete(store);
        }
        return outcomes;
    }
}
