package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Killing bin/lumen ends its JVM at once, whichever way the script started it (exec'd, or as a child it can
 * restart on the optimizing JVM), and the script ends as a process that the signal ended: 130 for SIGINT, 143
 * for SIGTERM, 129 for SIGHUP.
 */
@Timeout(180)
class LumenScriptSignalsTest {
    private static final String FOREVER = """
            ```lumen
            cell run() -> Int
              let mut n = 0
              for i in range(0, 1000000000000)
                n = n + i % 3
              end
              return n
            end
            ```
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void launcherBuilt() {
        assumeTrue(LumenScript.available(), "the launcher is not packaged; run the tests through the reactor");
    }

    @ParameterizedTest(name = "SIG{0} to `lumen {1}`")
    @CsvSource({"INT, run, 130", "TERM, run, 143", "HUP, run, 129", "INT, run --no-jit, 130",
        "TERM, run --no-jit, 143"})
    void theJvmEndsWithTheScript(String signal, String command, int status) throws Exception {
        if (signal.equals("INT")) {
            assumeFalse(ignoresSigint(), "this JVM was started with SIGINT ignored, and so is every child of it");
        }
        Path doc = Files.writeString(dir.resolve("forever.lm.md"), FOREVER);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(doc.toString());
        Process script = LumenScript.start(dir, Map.of(), args, dir.resolve("out.txt"), dir.resolve("err.txt"));
        try {
            ProcessHandle jvm = jvmOf(script);
            Thread.sleep(1_000); // well into the run
            assertTrue(jvm.isAlive(), "the run ended by itself: " + Files.readString(dir.resolve("err.txt")));
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(script.pid())).start().waitFor());
            assertTrue(script.waitFor(20, TimeUnit.SECONDS), "bin/lumen did not end on SIG" + signal);
            assertEquals(status, script.exitValue(), "exit status");
            jvm.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(jvm.isAlive(), "the JVM outlived bin/lumen");
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    /** The JVM running the command: the script itself once it has exec'd java, or its java child. */
    private static ProcessHandle jvmOf(Process script) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(script.isAlive(), "bin/lumen ended before its JVM started");
            if (isJava(script.toHandle())) {
                return script.toHandle();
            }
            var child = script.descendants().filter(LumenScriptSignalsTest::isJava).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("bin/lumen started no JVM within 60 s");
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** Whether SIGINT is ignored in this JVM (bit 2 of SigIgn), as a background job of a script has it. */
    private static boolean ignoresSigint() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
