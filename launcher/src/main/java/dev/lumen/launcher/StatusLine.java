package dev.lumen.launcher;

import dev.lumen.runtime.progress.ToolProgress;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one line on a terminal's standard error that shows the tool call in progress (run.md §5): a call shows once
 * it has lasted a second, with how long it has taken and what its server reports of its progress
 * ({@code lumen: waiting 4 s for `Slow.work` (of stdio:…): 2/5, indexing}). The line is rewritten in place
 * ({@code \r} and clear-line), erased before anything else is written to standard error through {@link #guard}
 * and when it is closed.
 */
final class StatusLine implements ToolProgress.Display, AutoCloseable {
    /** How long a call runs before it shows. */
    static final long SHOWN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Back to the start of the line, and clear it. */
    static final String ERASE = "\r\u001b[2K";
    private static final long TICK_MILLIS = 100;
    /** The fewest columns a call's name is cut to before its progress is. */
    private static final int MIN_NAME = 16;

    private final Writer terminal;
    private final LongSupplier clock;
    private final int width;
    /** The calls in progress, oldest first. */
    private final List<Shown> calls = new ArrayList<>();
    /** The text on the terminal now, or null when the line is not drawn. */
    private String drawn;
    /** Whether the last text written through the guard ended its line: only then may the status line be drawn. */
    private boolean atLineStart = true;
    private ScheduledExecutorService ticker;

    /**
     * @param terminal standard error, a terminal
     * @param clock    the time in nanoseconds ({@code System::nanoTime})
     * @param width    the terminal's width in columns: the line is cut to one column less, so that it never wraps
     */
    StatusLine(Writer terminal, LongSupplier clock, int width) {
        this.terminal = terminal;
        this.clock = clock;
        this.width = Math.max(width, 20);
    }

    /** The width of the terminal standard error is: {@code COLUMNS} when it is set to a number, else 80. */
    static int width(String columns) {
        try {
            return columns == null ? 80 : Integer.parseInt(columns.strip());
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** Redraws the line every tenth of a second, on a daemon thread, until closed. */
    StatusLine ticking() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lumen-status-line");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized ToolProgress.Call started(String what) {
        Shown call = new Shown(what, clock.getAsLong());
        calls.add(call);
        return call;
    }

    /** Draws the line as it should be now: the latest call that has lasted a second, or nothing. */
    synchronized void redraw() {
        String text = atLineStart ? text() : null;
        if (text == null) {
            erase();
        } else if (!text.equals(drawn)) {
            write(ERASE + text);
            drawn = text;
        }
    }

    /** The line for the calls in progress, or null when none has lasted a second. */
    private String text() {
        long now = clock.getAsLong();
        Shown shown = null;
        for (Shown call : calls) {
            if (now - call.started >= SHOWN_AFTER_NANOS) {
                shown = call;
            }
        }
        if (shown == null) {
            return null;
        }
        String waiting = "lumen: waiting " + elapsed(now - shown.started) + " for ";
        StringBuilder progress = new StringBuilder();
        if (shown.progress != null) {
            progress.append(": ").append(number(shown.progress));
            if (shown.total != null) {
                progress.append('/').append(number(shown.total));
            }
            if (shown.message != null && !shown.message.isBlank()) {
                progress.append(", ").append(shown.message.strip().replaceAll("\\s+", " "));
            }
        }
        if (calls.size() > 1) {
            progress.append(" (").append(calls.size()).append(" calls)");
        }
        // the call's name gives way first (an MCP call names its server's address), then the progress
        int room = width - 1 - waiting.length() - progress.length();
        String what = room >= MIN_NAME ? cut(shown.what, room) : shown.what;
        return cut(waiting + what + progress, width - 1);
    }

    /** Whole seconds, and minutes past the first: {@code 4 s}, {@code 2 min 5 s}. */
    private static String elapsed(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static String number(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
    }

    /** {@code text} in at most {@code room} code points, cut with an ellipsis. */
    private static String cut(String text, int room) {
        if (text.codePointCount(0, text.length()) <= room) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, room - 1)) + "…";
    }

    /** Takes the line off the terminal, if it is drawn. */
    private void erase() {
        if (drawn != null) {
            write(ERASE);
            drawn = null;
        }
    }

    private void write(String text) {
        try {
            terminal.write(text);
            terminal.flush();
        } catch (IOException e) {
            // standard error is gone: there is nowhere to show the line, nor anything to tell
        }
    }

    /**
     * A writer to standard error that erases the line before it writes, so that nothing written is mixed with
     * it; the line comes back at the next redraw, once what was written has ended its line.
     */
    Writer guard() {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                if (length == 0) {
                    return;
                }
                synchronized (StatusLine.this) {
                    erase();
                    terminal.write(chars, offset, length);
                    atLineStart = chars[offset + length - 1] == '\n';
                }
            }

            @Override
            public void flush() throws IOException {
                synchronized (StatusLine.this) {
                    terminal.flush();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            calls.clear();
            erase();
        }
    }

    /** A call in progress and the latest progress its server reported. */
    private final class Shown implements ToolProgress.Call {
        private final String what;
        private final long started;
        private Double progress;
        private Double total;
        private String message;

        Shown(String what, long started) {
            this.what = what;
            this.started = started;
        }

        @Override
        public void progressed(double progressed, Double outOf, String text) {
            synchronized (StatusLine.this) {
                progress = progressed;
                total = outOf;
                message = text;
            }
        }

        @Override
        public void close() {
            synchronized (StatusLine.this) {
                calls.remove(this);
                if (calls.isEmpty()) {
                    erase();
                }
            }
        }
    }
}
