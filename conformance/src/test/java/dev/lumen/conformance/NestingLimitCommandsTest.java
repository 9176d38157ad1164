package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document nested to the limit in several ways at once (lumen-v1.md §4.7) goes through every command on
 * bin/lumen's own JVMs and their default stacks: checked, compiled, run from the document and from the LIR
 * module it compiles to. One level more is one diagnostic and exit status 1, never a stack trace.
 */
@Timeout(300)
class NestingLimitCommandsTest {
    private static final int LIMIT = 256;

    @TempDir
    Path dir;

    @BeforeAll
    static void launcherBuilt() {
        assumeTrue(LumenScript.available(), "the launcher is not packaged; run the tests through the reactor");
    }

    /** Each cell's deepest construct sits at level {@code level}; `run` calls them all and returns 257. */
    private static String document(int level) {
        int d = level - 2;
        StringBuilder ifs = new StringBuilder();
        for (int i = 1; i <= d; i++) {
            ifs.append(" ".repeat(i)).append("if true\n");
        }
        ifs.append(" ".repeat(d + 1)).append("return 1\n");
        for (int i = d; i >= 1; i--) {
            ifs.append(" ".repeat(i)).append("end\n");
        }
        String strings = "\"x\"";
        for (int i = 0; i < d / 2; i++) {
            strings = "\"{s(" + strings + ")}\"";
        }
        return "```lumen\n"
                + "cell parens() -> Int\n  return " + "(".repeat(d) + "1" + ")".repeat(d) + "\nend\n\n"
                + "cell chain() -> Int\n  return 1" + " + 1".repeat(d) + "\nend\n\n"
                + "cell nested() -> Int\n" + ifs + "  return 0\nend\n\n"
                + "cell deep_type() -> " + "list[".repeat(level - 1) + "Int" + "]".repeat(level - 1)
                + "\n  return []\nend\n\n"
                + "cell lists() -> Json\n  return to_json(" + "[".repeat(d - 1) + "1" + "]".repeat(d - 1) + ")\nend\n\n"
                + "cell s(x: String) -> String\n  return x\nend\n\n"
                + "cell strings() -> String\n  return " + strings + "\nend\n\n"
                + "cell run() -> Int\n  let t = deep_type()\n  let l = lists()\n  let w = strings()\n"
                + "  return parens() + chain() + nested() + length(t) + length(w) - 1\nend\n"
                + "```\n";
    }

    @Test
    void atTheLimitEveryCommandRuns() throws Exception {
        Path doc = Files.writeString(dir.resolve("deep.lm.md"), document(LIMIT));
        assertClean(LumenScript.run(dir, Map.of(), "check", doc.toString()), 0, "");
        assertClean(LumenScript.run(dir, Map.of("LUMEN_JIT", "1"), "check", doc.toString()), 0, "");
        Path lir = dir.resolve("deep.lir.json");
        assertClean(LumenScript.run(dir, Map.of(), "emit", "-o", lir.toString(), doc.toString()), 0, "");
        // parens 1, chain 255, nested 1, an empty list and a one-letter string: 257.
        assertClean(LumenScript.run(dir, Map.of(), "run", doc.toString()), 0, "257\n");
        assertClean(LumenScript.run(dir, Map.of(), "run", lir.toString()), 0, "257\n");
    }

    @Test
    void oneLevelMoreIsOneDiagnosticAndNoStackTrace() throws Exception {
        Path doc = Files.writeString(dir.resolve("deeper.lm.md"), document(LIMIT + 1));
        for (String command : new String[] {"check", "emit", "run"}) {
            LumenScript.Result r = LumenScript.run(dir, Map.of(), command, doc.toString());
            assertEquals(1, r.status(), command + ": " + r.err());
            assertNoStackTrace(r);
            // Every cell but `s` and `run` crosses the limit once; `strings` rounds down to an even level.
            assertEquals(5, r.err().split("error\\[E0051\\]", -1).length - 1, command + ": " + r.err());
        }
    }

    private static void assertClean(LumenScript.Result r, int status, String out) {
        assertEquals(status, r.status(), r.err());
        assertEquals(out, r.out());
        assertNoStackTrace(r);
    }

    private static void assertNoStackTrace(LumenScript.Result r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"),
                r.err());
    }
}
