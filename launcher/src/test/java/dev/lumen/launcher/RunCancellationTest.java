package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedder that interrupts the thread running {@code lumen run} in-process (a time limit, a watchdog) cancels
 * the program: the command reports a cancelled run (exit status 1), not an internal error, and returns only once
 * the program has stopped.
 */
@Timeout(60)
class RunCancellationTest {
    @TempDir
    Path dir;

    @Test
    void interruptingTheCallerCancelsTheProgram() throws Exception {
        Path doc = Files.writeString(dir.resolve("forever.lm.md"), """
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
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger status = new AtomicInteger(-1);
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            status.set(Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--color=never",
                    "--store", dir.toString(), doc.toString(), "--engine.Compilation=false"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(1000);
        assertTrue(caller.isAlive(), () -> "the run ended before it was interrupted: " + err);
        long interrupted = System.nanoTime();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(caller.isAlive(), "the run did not stop when its caller was interrupted");
        assertTrue(System.nanoTime() - interrupted < TimeUnit.SECONDS.toNanos(10), "the run took long to stop");
        assertEquals(ExitCodes.ERRORS, status.get(), err::toString);
        assertEquals("", out.toString());
        assertEquals("error: the run was cancelled\n", err.toString().replace("\r\n", "\n"));
        assertTrue(stillInterrupted.get(), "the caller's interrupt status is kept for it to see");
    }
}
