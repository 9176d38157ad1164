package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that needs more memory than the JVM has is told so: it is not a stack overflow, whatever Truffle's
 * "resource exhausted" puts the two under. The run is a child JVM with a small heap, so the test does not depend on
 * the test JVM's.
 */
@Timeout(60)
class RunOutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapSaysSo() throws Exception {
        Path doc = Files.writeString(dir.resolve("huge.lm.md"), """
                ```lumen
                cell run() -> Int
                  let xs = range(0, 100000000)
                  return length(xs)
                end
                ```
                """);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                Main.class.getName(), "run", "--color=never", "--store", dir.toString(), doc.toString());
        Path err = dir.resolve("err.txt");
        Process run = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        assertTrue(run.waitFor(50, TimeUnit.SECONDS), "the run did not end");
        String stderr = Files.readString(err);
        assertEquals(ExitCodes.ERRORS, run.exitValue(), stderr);
        assertTrue(stderr.startsWith("error: out of memory: the program needs more memory than the JVM has"), stderr);
        assertTrue(stderr.contains("= help: LUMEN_JAVA_OPTS=-Xmx"), stderr);
        assertEquals("", Files.readString(dir.resolve("out.txt")));
    }
}
