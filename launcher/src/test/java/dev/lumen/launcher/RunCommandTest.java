package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen run}: results as canonical JSON, typed arguments, located runtime errors, exit statuses. */
class RunCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run lumen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    static final String SHOP = """
            # A shop

            ```lumen
            enum Status
              Paid
              Open
            end

            record Line
              sku: String
              qty: Int
              price: Float
            end

            record Order
              id: String
              status: Status
              lines: list[Line]
              note: String | Null
            end

            cell total(order: Order) -> Float
              let mut sum = 0.0
              for line in order.lines
                sum = sum + to_float(line.qty) * line.price
              end
              return sum
            end

            cell greet(name: String, times: Int) -> list[String]
              let mut out: list[String] = []
              for i in range(0, times)
                out = append(out, "hello {name} #{i}")
              end
              return out
            end

            cell summary(order: Order) -> map[String, String]
              let mut m: map[String, String] = {}
              m["id"] = order.id
              m["total"] = "{total(order)}"
              return m
            end

            cell check(n: Int) -> result[Int, String]
              if n < 0
                return err("negative: {n}")
              end
              return ok(n * 2)
            end

            cell ratio(a: Int, b: Int) -> Int
              return a / b
            end

            cell average(xs: list[Int]) -> Int
              let mut sum = 0
              for x in xs
                sum = sum + x
              end
              return ratio(sum, length(xs))
            end

            cell stop(reason: String) -> Int
              halt("stopped: {reason}")
            end

            cell run() -> Order
              let line = Line { sku: "A-1", qty: 2, price: 2.5 }
              return Order { id: "O-1", status: Status.Open, lines: [line], note: null }
            end
            ```
            """;

    private Path shop() throws IOException {
        return Files.writeString(dir.resolve("shop.lm.md"), SHOP);
    }

    private static int lineOf(String needle) {
        String[] lines = SHOP.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void runPrintsTheResultOfRunAsCanonicalJson() throws IOException {
        Run run = lumen("run", shop().toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("{\"id\":\"O-1\",\"lines\":[{\"price\":2.5,\"qty\":2,\"sku\":\"A-1\"}],\"note\":null,\"status\":\"Open\"}\n",
                run.out());
        assertEquals("", run.err());
    }

    @Test
    void argumentsAreTypedByTheParameters() throws IOException {
        String doc = shop().toString();
        Run greet = lumen("run", doc, "--cell", "greet", "--arg", "name=Ada Lovelace", "--arg", "times=2");
        assertEquals(ExitCodes.OK, greet.status(), greet.err());
        assertEquals("[\"hello Ada Lovelace #0\",\"hello Ada Lovelace #1\"]\n", greet.out());
        Run total = lumen("run", doc, "--cell", "total", "--arg",
                "order={\"id\": \"X\", \"status\": \"Paid\", \"lines\": [{\"sku\": \"s\", \"qty\": 3, \"price\": 1}]}");
        assertEquals(ExitCodes.OK, total.status(), total.err());
        assertEquals("3\n", total.out());
        Run ok = lumen("run", doc, "--cell", "check", "--arg", "n=21");
        assertEquals("{\"ok\":42}\n", ok.out());
        Run err = lumen("run", doc, "--cell", "check", "--arg", "n=-1");
        assertEquals("{\"err\":\"negative: -1\"}\n", err.out());
        Run map = lumen("run", doc, "--cell", "summary", "--arg", "order={\"id\": \"Z\", \"status\": \"Open\", \"lines\": []}");
        assertEquals("{\"id\":\"Z\",\"total\":\"0\"}\n", map.out());
    }

    @Test
    void stdinSuppliesAnArgument() throws IOException {
        InputStream saved = RunCommand.stdin;
        RunCommand.stdin = new ByteArrayInputStream("[4, 6, 8]".getBytes(StandardCharsets.UTF_8));
        try {
            Run run = lumen("run", shop().toString(), "--cell", "average", "--stdin", "xs");
            assertEquals(ExitCodes.OK, run.status(), run.err());
            assertEquals("6\n", run.out());
        } finally {
            RunCommand.stdin = saved;
        }
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        String doc = shop().toString();
        Run missing = lumen("run", doc, "--cell", "greet", "--arg", "name=x");
        assertEquals(ExitCodes.USAGE, missing.status());
        assertEquals("error: missing argument `times: Int` for cell `greet`\n"
                + "  = help: pass it with --arg times=VALUE; its parameters: name: String, times: Int\n", missing.err());
        Run unknown = lumen("run", doc, "--cell", "greet", "--arg", "name=x", "--arg", "times=1", "--arg", "loud=true");
        assertEquals(ExitCodes.USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("error: cell `greet` has no parameter `loud`\n"), unknown.err());
        Run notJson = lumen("run", doc, "--cell", "greet", "--arg", "name=x", "--arg", "times=three");
        assertEquals(ExitCodes.USAGE, notJson.status());
        assertTrue(notJson.err().startsWith("error: argument `times: Int` is not JSON: "), notJson.err());
        Run illTyped = lumen("run", doc, "--cell", "greet", "--arg", "name=x", "--arg", "times=2.5");
        assertEquals(ExitCodes.USAGE, illTyped.status());
        assertEquals("error: argument `times` of cell `greet`: expected Int, found number 2.5\n", illTyped.err());
        Run badEnum = lumen("run", doc, "--cell", "total", "--arg", "order={\"id\": \"X\", \"status\": \"Closed\", \"lines\": []}");
        assertEquals(ExitCodes.USAGE, badEnum.status());
        assertEquals("error: argument `order` of cell `total`: at `order.status`: expected Status (one of Paid, Open),"
                + " found String \"Closed\"\n", badEnum.err());
        Run malformed = lumen("run", doc, "--arg", "oops");
        assertEquals(ExitCodes.USAGE, malformed.status());
        assertTrue(malformed.err().startsWith("error: `--arg oops` is not NAME=VALUE"), malformed.err());
        assertEquals("", missing.out() + unknown.out() + notJson.out() + illTyped.out());
    }

    @Test
    void cellsAreChosenByName() throws IOException {
        String doc = shop().toString();
        Run noSuch = lumen("run", doc, "--cell", "nope");
        assertEquals(ExitCodes.USAGE, noSuch.status());
        assertEquals("error: `" + doc + "` has no cell `nope`\n"
                + "  = help: runnable cells: total, greet, summary, check, ratio, average, stop, run\n", noSuch.err());
        Run synthetic = lumen("run", doc, "--cell", "$Order.id");
        assertEquals(ExitCodes.USAGE, synthetic.status());
        assertTrue(synthetic.err().contains("is a synthetic cell"), synthetic.err());
        Path noRun = Files.writeString(dir.resolve("lib.lm.md"), "```lumen\ncell twice(n: Int) -> Int\n  return n * 2\nend\n```\n");
        Run none = lumen("run", noRun.toString());
        assertEquals(ExitCodes.USAGE, none.status());
        assertEquals("error: `" + noRun + "` has no `run` cell\n"
                + "  = help: choose a cell with --cell NAME; runnable cells: twice\n", none.err());
    }

    @Test
    void runtimeErrorsPointIntoTheMarkdownWithTheLumenStack() throws IOException {
        String doc = shop().toString();
        Run run = lumen("run", doc, "--cell", "average", "--arg", "xs=[]");
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("", run.out());
        int fails = lineOf("return a / b");
        int calls = lineOf("return ratio(sum, length(xs))");
        int failCol = "  return a / b".indexOf("a / b") + 1;
        int callCol = "  return ratio(sum, length(xs))".indexOf("ratio(") + 1;
        assertEquals("error: division by zero: 0 / 0\n"
                + "  --> " + doc + ":" + fails + ":" + failCol + "\n"
                + "  = note: in cell `ratio` at " + doc + ":" + fails + ":" + failCol + "\n"
                + "  = note: in cell `average` at " + doc + ":" + calls + ":" + callCol + "\n", run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void haltEndsTheProgramWithItsMessage() throws IOException {
        String doc = shop().toString();
        Run run = lumen("run", doc, "--cell", "stop", "--arg", "reason=out of stock");
        assertEquals(ExitCodes.ERRORS, run.status());
        int line = lineOf("halt(\"stopped");
        assertEquals("error: stopped: out of stock\n"
                + "  --> " + doc + ":" + line + ":3\n"
                + "  = note: in cell `stop` at " + doc + ":" + line + ":3\n", run.err());
    }

    @Test
    void compileErrorsAreReportedAsLumenCheckDoes() throws IOException {
        Path doc = Files.writeString(dir.resolve("bad.lm.md"), "```lumen\ncell run() -> Int\n  return \"seven\"\nend\n```\n");
        Run run = lumen("run", "--color=never", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.err().startsWith("error[E0012]: mismatched types\n"), run.err());
        assertTrue(run.err().endsWith("error: could not compile `" + doc + "` due to 1 previous error\n"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void lirModulesRunToo() throws IOException {
        Path doc = shop();
        Path lir = dir.resolve("shop.lir.json");
        Run emit = lumen("emit", "-o", lir.toString(), doc.toString());
        assertEquals(ExitCodes.OK, emit.status(), emit.err());
        Run run = lumen("run", lir.toString(), "--cell", "greet", "--arg", "name=x", "--arg", "times=1");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("[\"hello x #0\"]\n", run.out());
        Run fails = lumen("run", lir.toString(), "--cell", "ratio", "--arg", "a=1", "--arg", "b=0");
        assertEquals(ExitCodes.ERRORS, fails.status());
        assertTrue(fails.err().contains("  --> " + doc + ":" + lineOf("return a / b") + ":"), fails.err());
        Path broken = Files.writeString(dir.resolve("broken.lir.json"), "{}");
        Run bad = lumen("run", broken.toString());
        assertEquals(ExitCodes.ERRORS, bad.status());
        assertTrue(bad.err().startsWith("`" + broken + "` is not a valid LIR module:"), bad.err());
    }

    @Test
    void polyglotOptionsReachTheEngine() throws IOException {
        String doc = shop().toString();
        Run compiled = lumen("run", doc, "--cell", "greet", "--arg", "name=x", "--arg", "times=3",
                "--engine.CompileImmediately", "--engine.BackgroundCompilation=false", "--engine.CompilationFailureAction=Throw");
        assertEquals(ExitCodes.OK, compiled.status(), compiled.err());
        assertEquals("[\"hello x #0\",\"hello x #1\",\"hello x #2\"]\n", compiled.out());
        Run bad = lumen("run", doc, "--engine.NoSuchOption=1");
        assertEquals(ExitCodes.USAGE, bad.status());
        assertTrue(bad.err().startsWith("error: "), bad.err());
        Run notAnOption = lumen("run", doc, "--frobnicate");
        assertEquals(ExitCodes.USAGE, notAnOption.status());
        assertTrue(notAnOption.err().startsWith("error: unknown option `--frobnicate`"), notAnOption.err());
        assertTrue(notAnOption.err().contains("= help: polyglot options have a group"), notAnOption.err());
        Run misspelt = lumen("run", doc, "--cel", "greet");
        assertEquals(ExitCodes.USAGE, misspelt.status());
        assertTrue(misspelt.err().contains("unknown option `--cel`\n  = help: did you mean `--cell`?"), misspelt.err());
    }

    @Test
    void unreadableInputIsAUsageError() {
        assertEquals(ExitCodes.USAGE, lumen("run", dir.resolve("missing.lm.md").toString()).status());
        assertEquals(ExitCodes.USAGE, lumen("run", "prog.lm").status());
        assertEquals(ExitCodes.USAGE, lumen("run").status());
    }

    @Test
    void runawayRecursionIsALumenError() throws IOException {
        Path doc = Files.writeString(dir.resolve("deep.lm.md"),
                "```lumen\ncell down(n: Int) -> Int\n  return down(n + 1)\nend\n\ncell run() -> Int\n  return down(0)\nend\n```\n");
        String saved = System.getProperty("lumen.stack.size");
        System.setProperty("lumen.stack.size", Long.toString(4L << 20)); // fail fast
        try {
            Run run = lumen("run", doc.toString());
            assertEquals(ExitCodes.ERRORS, run.status(), run.err());
            assertTrue(run.err().startsWith("error: stack overflow"), run.err());
        } finally {
            if (saved == null) {
                System.clearProperty("lumen.stack.size");
            } else {
                System.setProperty("lumen.stack.size", saved);
            }
        }
    }

    @Test
    void helpDocumentsTheOutputForm() {
        Run help = lumen("run", "--help");
        assertEquals(ExitCodes.OK, help.status());
        assertTrue(help.out().contains("{\"ok\": value}"), help.out());
        assertTrue(help.out().contains("--engine.TraceCompilation"), help.out());
        assertTrue(lumen("--help").out().contains("run"));
    }
}
