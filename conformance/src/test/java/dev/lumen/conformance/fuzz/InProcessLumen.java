package dev.lumen.conformance.fuzz;

import dev.lumen.launcher.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@code lumen} command run in-process ({@link Main#execute}) on a worker thread, under a watchdog: a command
 * still going after its time limit is interrupted, which cancels a running program (the launcher reports it as a
 * cancelled run). A command that still has not returned some seconds later is a hang: its worker is abandoned and
 * a fresh one takes the next command.
 */
final class InProcessLumen implements AutoCloseable {
    /** How long a cancelled command may take to return before it counts as a hang. */
    static final Duration GRACE = Duration.ofSeconds(30);

    /** What one command did; {@code timedOut}: the watchdog interrupted it; {@code hung}: it never returned. */
    record Result(int status, String out, String err, boolean timedOut, boolean hung) {
    }

    private ExecutorService worker = newWorker();
    private volatile Thread workerThread;

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "lumen-fuzz-worker");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
    }

    /** {@code lumen ARGS…}. */
    Result execute(Duration limit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return call(limit, () -> {
            int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
            return new Result(status, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"), false,
                    false);
        }, () -> err.toString());
    }

    /** {@code body} on the worker, under the watchdog; {@code sofar} is what it printed, should it hang. */
    Result call(Duration limit, Callable<Result> body, Supplier<String> sofar) {
        Future<Result> call = worker.submit(() -> {
            Thread.interrupted(); // an interrupt meant for the previous command, which returned just in time
            return body.call();
        });
        boolean timedOut = false;
        try {
            try {
                return call.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
                workerThread.interrupt();
                Result r = call.get(GRACE.toNanos(), TimeUnit.NANOSECONDS);
                return new Result(r.status(), r.out(), r.err(), true, false);
            }
        } catch (TimeoutException e) {
            worker.shutdownNow();
            worker = newWorker();
            return new Result(-1, "", sofar.get() + "\n(the command did not return " + GRACE.toSeconds()
                    + " s after it was cancelled)", timedOut, true);
        } catch (ExecutionException e) {
            // Main.execute reports every exception itself; one escaping it is a failure like an internal error
            StringWriter trace = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(trace));
            return new Result(-1, "", sofar.get() + "\n" + trace, timedOut, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the fuzzer was interrupted", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
