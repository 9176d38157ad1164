package dev.lumen.runtime.tools.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a tool process under a deadline (tool-protocol-v1.md §5): the request is written to its stdin from
 * one thread while two others drain stdout (up to a limit) and stderr (its tail), so no pipe can fill up and
 * stall it. Every wait is bounded by the deadline; a process that outlives it is killed with its descendants.
 */
final class ToolProcess {
    /** How long to wait for stderr's last bytes once stdout is complete, or after a kill. */
    private static final long GRACE_MILLIS = 500;

    private ToolProcess() {
    }

    /** How a run ended. */
    enum Ending {
        /** The process exited and closed its stdout: the status and stdout are its answer. */
        EXITED,
        /** The deadline passed while it ran: it was killed. */
        TIMED_OUT,
        /** It wrote more than the stdout limit: it was killed. */
        STDOUT_OVER_LIMIT,
        /** It exited, but a process it left behind kept its stdout open until the deadline. */
        STDOUT_LEFT_OPEN
    }

    /** What came of a run; {@code status} and {@code stdout} are meaningful for {@link Ending#EXITED}. */
    record Outcome(Ending ending, int status, byte[] stdout, String stderr) {
    }

    /**
     * Starts {@code builder}'s command, sends {@code request} and waits for it to end.
     *
     * @throws IOException          when the process cannot be started
     * @throws InterruptedException when the calling thread is interrupted (the process is killed)
     */
    static Outcome run(ProcessBuilder builder, byte[] request, long timeoutMillis, long stdoutLimit)
            throws IOException, InterruptedException {
        Deadline deadline = new Deadline(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        Process process = builder.start();
        StdoutCapture stdout = new StdoutCapture(process.getInputStream(), stdoutLimit, () -> killTree(process));
        StderrTail stderr = new StderrTail(process.getErrorStream());
        Thread out = daemon("stdout", stdout);
        Thread err = daemon("stderr", stderr);
        daemon("stdin", () -> send(process, request));
        try {
            if (!process.waitFor(deadline.remaining(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                err.join(GRACE_MILLIS);
                return new Outcome(Ending.TIMED_OUT, -1, new byte[0], stderr.text());
            }
            if (!out.join(Duration.ofNanos(deadline.remaining()))) {
                return new Outcome(Ending.STDOUT_LEFT_OPEN, process.exitValue(), new byte[0], stderr.text());
            }
            err.join(Math.max(1, Math.min(GRACE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline.remaining()))));
            Ending ending = stdout.overLimit() ? Ending.STDOUT_OVER_LIMIT : Ending.EXITED;
            return new Outcome(ending, process.exitValue(), stdout.bytes(), stderr.text());
        } finally {
            if (process.isAlive()) {
                killTree(process);
            }
        }
    }

    /** Writes the request and closes stdin, so the tool sees its end. */
    private static void send(Process process, byte[] request) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(request);
        } catch (IOException e) {
            // The tool exited (or closed stdin) without reading it all; its status and stdout tell the rest.
        }
    }

    /**
     * Kills the process and every descendant it has now. The descendants are listed first: once the process is
     * dead they are no longer its descendants.
     */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The end of a run, kept as a start and a length so that no timeout, however long, overflows. */
    private record Deadline(long start, long nanos) {
        long remaining() {
            return Math.max(0, nanos - (System.nanoTime() - start));
        }
    }

    private static Thread daemon(String stream, Runnable work) {
        return Thread.ofPlatform().daemon().name("lumen-tool-" + stream).start(work);
    }
}
