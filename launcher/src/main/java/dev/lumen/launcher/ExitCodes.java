package dev.lumen.launcher;

/** The exit statuses of the {@code lumen} command, shared by all subcommands. */
public final class ExitCodes {
    /** Success: every document checked (or ran) without errors. Warnings do not change the status. */
    public static final int OK = 0;
    /** At least one document has an error diagnostic. */
    public static final int ERRORS = 1;
    /** Bad command line, or an input that could not be read (missing, unreadable, not Markdown, not UTF-8). */
    public static final int USAGE = 2;
    /**
     * A run stopped by SIGINT (Ctrl-C, run.md §5), as shells report a process SIGINT ended: 128 + 2. Its trace
     * records the cancellation.
     */
    public static final int INTERRUPTED = 130;
    /** A bug in Lumen itself (an unexpected exception); the message asks for a report. As rustc's ICE. */
    public static final int INTERNAL_ERROR = 101;

    private ExitCodes() {
    }
}
