package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lumen} through the user's daemon (docs/spec/daemon.md), as a user runs it: each command is a client
 * process whose working directory, environment, streams and exit status are its own, although one JVM runs
 * them all. The daemon lives in a runtime directory of the test's, and is stopped at the end.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonTest {
    @TempDir
    static Path dir;
    private static Path runtime;

    /** A program that runs until it is stopped (10^10 additions). */
    private static final String FOREVER = """
            ```lumen
            cell run() -> Int
              let mut n = 0
              for i in range(0, 100000)
                for j in range(0, 100000)
                  n = n + 1
                end
              end
              return n
            end
            ```
            """;

    /** A report by the examples' `text.stats` tool, which the document finds only through LUMEN_TOOLS_PATH. */
    private static final String REPORT = """
            ```lumen
            use tool text.stats as Stats
            grant Stats timeout_ms 20000

            cell run() -> Int
              return Stats(text: "one two three").words
            end
            ```
            """;

    /** A program that holds about 150 MB: a million records. */
    private static final String LARGE = """
            ```lumen
            record Item
              id:   Int
              name: String
            end

            cell run() -> Int
              let mut items: list[Item] = []
              for i in range(0, 1000000)
                items = append(items, Item { id: i, name: "item" })
              end
              return length(items)
            end
            ```
            """;

    /** A cell of standard input. */
    private static final String ECHO = """
            ```lumen
            cell echo(s: String) -> String
              return "<" + s + ">"
            end
            ```
            """;

    @BeforeAll
    static void daemonHome() throws IOException {
        assumeTrue(LumenScript.available(), "the launcher is not packaged (bin/lumen needs launcher/target/lib)");
        runtime = Files.createDirectories(dir.resolve("runtime"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (runtime != null) {
            lumen(dir, Map.of(), "daemon", "stop");
        }
    }

    /** {@code bin/lumen args…} in {@code where} through the test's daemon, with {@code env} added. */
    private static LumenScript.Result lumen(Path where, Map<String, String> env, String... args) throws Exception {
        return LumenScript.run(where, daemonEnv(env), args);
    }

    private static Map<String, String> daemonEnv(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("LUMEN_DAEMON", "1");
        all.put("LUMEN_RUNTIME_DIR", runtime.toString());
        all.put("LUMEN_DAEMON_IDLE_SECONDS", "300"); // a test that dies leaves no daemon for long
        return all;
    }

    private static Process start(Path where, String... args) throws IOException {
        return LumenScript.start(where, daemonEnv(Map.of()), List.of(args),
                Files.createTempFile(where, "out", ".txt"), Files.createTempFile(where, "err", ".txt"));
    }

    private static Path project(String name, String document) throws IOException {
        Path project = Files.createDirectories(dir.resolve(name));
        Files.writeString(project.resolve("doc.lm.md"), document);
        return project;
    }

    @Test
    @Order(1)
    void concurrentCommandsEachHaveTheirOwnDirectoryAndEnvironment() throws Exception {
        Path withTools = project("with-tools", REPORT);
        Path without = project("without-tools", REPORT);
        Map<String, String> tools = Map.of("LUMEN_TOOLS_PATH", LumenScript.ROOT.resolve("examples/tools").toString());
        lumen(dir, Map.of(), "daemon", "status"); // the daemon is started by the first command, not raced below
        Path out1 = Files.createTempFile(dir, "out", ".txt");
        Path err1 = Files.createTempFile(dir, "err", ".txt");
        Path out2 = Files.createTempFile(dir, "out", ".txt");
        Path err2 = Files.createTempFile(dir, "err", ".txt");
        Process a = LumenScript.start(withTools, daemonEnv(tools), List.of("run", "doc.lm.md"), out1, err1);
        Process b = LumenScript.start(without, daemonEnv(Map.of()), List.of("run", "doc.lm.md", "--color=never"),
                out2, err2);
        assertTrue(a.waitFor(2, TimeUnit.MINUTES) && b.waitFor(2, TimeUnit.MINUTES), "the runs did not finish");
        assertEquals(0, a.exitValue(), () -> read(err1));
        assertEquals("3\n", read(out1));
        assertTrue(Files.isDirectory(withTools.resolve(".lumen")), "the trace is in the client's directory");
        assertEquals(1, b.exitValue(), () -> read(err2));
        assertEquals("", read(out2));
        assertTrue(read(err2).contains("doc.lm.md:"), () -> "locations name the file as typed: " + read(err2));
        assertTrue(read(err2).contains("text.stats"), () -> read(err2));

        // The same file again, without the tools and then with them: each run compiles it against its own
        // environment, whatever program an earlier run linked.
        LumenScript.Result again = lumen(withTools, Map.of(), "run", "doc.lm.md", "--color=never");
        assertEquals(1, again.status(), again.err());
        assertTrue(again.err().contains("text.stats"), again.err());
        assertEquals("3\n", lumen(withTools, tools, "run", "doc.lm.md").out());
    }

    /**
     * bin/lumen reaches the daemon through the native client, which the launcher's build compiles when a C
     * compiler is installed; LUMEN_NATIVE_CLIENT=0 keeps to the JVM client. Both carry the same streams and statuses.
     */
    @Test
    @Order(2)
    void standardInputExitStatusesAndStreamsAreTheClients() throws Exception {
        boolean compiler = Files.isExecutable(Path.of("/usr/bin/cc")) || Files.isExecutable(Path.of("/usr/local/bin/cc"));
        Path nativeClient = LumenScript.ROOT.resolve("launcher/target/lumen-client");
        if (compiler) {
            assertTrue(Files.isExecutable(nativeClient), "the launcher's build made no native client (cc is installed)");
        } else {
            System.err.println("DaemonTest: no C compiler (cc), so no native client: only the JVM client is tested");
        }
        clientCarriesStreamsAndStatuses(Map.of("LUMEN_NATIVE_CLIENT", "0"), "jvm");
        if (Files.isExecutable(nativeClient)) {
            clientCarriesStreamsAndStatuses(Map.of(), "native");
        }
    }

    private static void clientCarriesStreamsAndStatuses(Map<String, String> env, String client) throws Exception {
        Path project = project("streams-" + client, ECHO);
        Path input = Files.writeString(project.resolve("input.txt"), "from stdin");
        ProcessBuilder builder = LumenScript.builder(project, List.of("run", "doc.lm.md", "--cell", "echo",
                "--stdin", "s"));
        builder.environment().putAll(daemonEnv(env));
        builder.redirectInput(input.toFile());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), client + ": " + err);
        assertEquals("\"<from stdin>\"\n", out, client);

        LumenScript.Result usage = lumen(project, env, "run", "doc.lm.md", "--no-such-option");
        assertEquals(2, usage.status(), client + ": " + usage.err());
        assertEquals("", usage.out());
        assertTrue(usage.err().contains("--no-such-option"), usage.err());

        LumenScript.Result missing = lumen(project, env, "check", "missing.lm.md");
        assertEquals(2, missing.status(), client + ": " + missing.err());
        assertTrue(missing.err().contains("missing.lm.md"), missing.err());
    }

    @Test
    @Order(3)
    void ctrlCCancelsTheClientsRunAndTheDaemonGoesOn() throws Exception {
        Path project = project("forever", FOREVER);
        Process run = start(project, "run", "doc.lm.md");
        waitUntil(() -> running() == 2, "the run started");
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "Ctrl-C did not end the run");
        assertEquals(130, run.exitValue());
        waitUntil(() -> running() == 1, "the daemon ran nothing but the status");
        assertEquals("3\n", lumen(project("after-ctrl-c", REPORT), Map.of("LUMEN_TOOLS_PATH",
                LumenScript.ROOT.resolve("examples/tools").toString()), "run", "doc.lm.md").out());
    }

    @Test
    @Order(4)
    void aKilledClientsRunIsCancelled() throws Exception {
        Process run = start(project("killed", FOREVER), "run", "doc.lm.md");
        waitUntil(() -> running() == 2, "the run started");
        run.destroyForcibly().waitFor();
        waitUntil(() -> running() == 1, "the killed client's run was cancelled");
    }

    /**
     * The heap a large run grew goes back to the system soon after it ends, not half a minute later, when the
     * daemon has been idle.
     */
    @Test
    @Order(5)
    void aRunThatGrewTheHeapGivesItBack() throws Exception {
        LumenScript.Result large = lumen(project("large", LARGE), Map.of(), "run", "doc.lm.md");
        assertEquals("1000000\n", large.out(), large.err());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (long heap = committedHeapMb(); heap > 100; heap = committedHeapMb()) {
            assertTrue(System.nanoTime() < deadline, "the daemon still holds a heap of " + heap + " MB");
            Thread.sleep(1000); // a status is a command too: the daemon collects after half a second without one
        }
    }

    @Test
    @Order(6)
    void stopEndsTheDaemon() throws Exception {
        LumenScript.Result stop = lumen(dir, Map.of(), "daemon", "stop");
        assertEquals(0, stop.status(), stop.err());
        waitUntil(() -> {
            try {
                return lumen(dir, Map.of(), "daemon", "status").status() == 3;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the daemon stopped");
    }

    /** --no-daemon is accepted where the daemon would not have run the command anyway (CI, own JVM options). */
    @Test
    @Order(7)
    void noDaemonIsAcceptedWhereNoDaemonRuns() throws Exception {
        Path project = project("no-daemon", ECHO);
        for (Map<String, String> env : List.<Map<String, String>>of(Map.of(), Map.of("LUMEN_JAVA_OPTS", "-Xss4m"))) {
            LumenScript.Result run = LumenScript.run(project, env, "run", "--no-daemon", "doc.lm.md", "--cell",
                    "echo", "--arg", "s=x");
            assertEquals(0, run.status(), env + ": " + run.err());
            assertEquals("\"<x>\"\n", run.out(), env.toString());
        }
    }

    /** The commands the daemon runs, the status asking included; 0 when no daemon answers. */
    private static int running() {
        try {
            LumenScript.Result status = lumen(dir, Map.of(), "daemon", "status");
            for (String line : status.out().split("\n")) {
                if (line.contains("running (")) {
                    return Integer.parseInt(line.replaceAll(".* served, (\\d+) running.*", "$1"));
                }
            }
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The daemon's committed heap, from {@code heap: N MB used of M MB}. */
    private static long committedHeapMb() throws Exception {
        String status = lumen(dir, Map.of(), "daemon", "status").out();
        Matcher heap = Pattern.compile("heap: +\\d+ MB used of (\\d+) MB").matcher(status);
        assertTrue(heap.find(), status);
        return Long.parseLong(heap.group(1));
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(200);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
