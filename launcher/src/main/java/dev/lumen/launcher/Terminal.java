package dev.lumen.launcher;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What the launcher needs to know about where its standard error goes. */
public final class Terminal {
    private Terminal() {
    }

    /** The {@code --color} option's values. */
    enum ColorChoice {
        auto, always, never
    }

    /**
     * Whether diagnostics on standard error get ANSI colors: {@code always}/{@code never} as asked; with
     * {@code auto}, only when standard error is a terminal, {@code NO_COLOR} is unset or empty
     * (https://no-color.org) and {@code TERM} is not {@code dumb}.
     */
    static boolean colorOnStderr(ColorChoice choice, Map<String, String> env) {
        return switch (choice) {
            case always -> true;
            case never -> false;
            case auto -> isEmpty(env.get("NO_COLOR")) && !"dumb".equals(env.get("TERM")) && stderrIsTerminal();
        };
    }

    /**
     * Whether standard error shows the progress line of tool calls (run.md §5): only on a terminal that can clear a
     * line, so not when {@code TERM} is {@code dumb}.
     */
    static boolean showsProgress(Map<String, String> env, BooleanSupplier stderrIsTerminal) {
        return !"dumb".equals(env.get("TERM")) && stderrIsTerminal.getAsBoolean();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /**
     * Whether standard error is a terminal: the client's, for a command the daemon runs for one, else whether file
     * descriptor 2 is. Java has no isatty(2); Linux answers through /proc.
     */
    public static boolean stderrIsTerminal() {
        Invocation invocation = Invocation.current();
        if (invocation != null) {
            return invocation.stderrIsTerminal();
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall through to the console check
        }
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
