package dev.lumen.lsp.protocol;

import java.io.PrintStream;

/**
 * The server's log: one line per event on its standard error, which the client may show but never reads as
 * protocol. A failure is logged as its exception and the place in Lumen's code it came from, not as a stack trace.
 */
public final class ServerLog {
    private final PrintStream out;

    public ServerLog(PrintStream out) {
        this.out = out;
    }

    public void info(String message) {
        out.println("lumen lsp: " + message);
        out.flush();
    }

    /** Logs that {@code what} failed with {@code failure}. */
    public void failure(String what, Throwable failure) {
        info("internal error in " + what + ": " + failure + where(failure)
                + " (this is a bug in Lumen; the server carries on)");
    }

    /** Where in Lumen's own code {@code failure} was thrown, e.g. {@code  at Lexer.java:120}. */
    private static String where(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.lumen.") && frame.getFileName() != null) {
                return " at " + frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return "";
    }
}
