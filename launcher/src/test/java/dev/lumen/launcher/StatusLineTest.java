package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.progress.ToolProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line on a terminal: drawn after a second, rewritten in place, erased before other output. */
class StatusLineTest {
    private static final String E = StatusLine.ERASE;

    private final StringWriter terminal = new StringWriter();
    private final AtomicLong now = new AtomicLong();
    private final StatusLine line = new StatusLine(terminal, now::get, 80);

    private void after(double seconds) {
        now.addAndGet((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
        line.redraw();
    }

    /** What the terminal received since the last call. */
    private String written() {
        String text = terminal.toString();
        terminal.getBuffer().setLength(0);
        return text;
    }

    @Test
    void aCallShowsAfterASecondWithItsTimeAndProgressAndGoesWhenItEnds() {
        ToolProgress.Call call = line.started("`Slow.work` (of stdio:slow)");
        after(0.5);
        assertEquals("", written(), "a call shorter than a second shows nothing");
        after(0.6);
        assertEquals(E + "lumen: waiting 1 s for `Slow.work` (of stdio:slow)", written());
        after(0.2);
        assertEquals("", written(), "the same text is not written again");
        call.progressed(2, 5.0, "indexing  files\n");
        after(0.1);
        assertEquals(E + "lumen: waiting 1 s for `Slow.work` (of stdio:slow): 2/5, indexing files", written());
        call.progressed(7.5, null, null);
        after(60);
        assertEquals(E + "lumen: waiting 1 min 1 s for `Slow.work` (of stdio:slow): 7.5", written());
        call.close();
        assertEquals(E, written(), "the line is erased when the call ends");
        after(1);
        assertEquals("", written());
    }

    @Test
    void otherOutputErasesTheLineFirstAndItComesBackOnceTheLineIsEnded() {
        ToolProgress.Call call = line.started("`Chat` (llm.chat)");
        after(2);
        assertEquals(E + "lumen: waiting 2 s for `Chat` (llm.chat)", written());
        PrintWriter err = new PrintWriter(line.guard());
        err.print("warning: something");
        err.flush();
        assertEquals(E + "warning: something", written());
        after(0.1);
        assertEquals("", written(), "not drawn over a line that is not ended");
        err.println();
        err.flush();
        after(0.1);
        assertEquals("\n" + E + "lumen: waiting 2 s for `Chat` (llm.chat)", written());
        line.close();
        assertEquals(E, written());
        call.close();
        assertEquals("", written());
    }

    @Test
    void theLineIsCutToTheTerminalsWidth() {
        StatusLine narrow = new StatusLine(terminal, now::get, 40);
        narrow.started("`Files.read_text_file` (of stdio:node server.js /data)");
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        narrow.redraw();
        String text = written();
        assertEquals(E + "lumen: waiting 3 s for `Files.read_tex…", text);
        assertEquals(39, text.length() - E.length());
        // the call's name gives way before its progress
        StatusLine wider = new StatusLine(terminal, now::get, 60);
        wider.started("`Files.read_text_file` (of stdio:node server.js /data)").progressed(2, 5.0, "reading");
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        wider.redraw();
        assertEquals(E + "lumen: waiting 3 s for `Files.read_text_file…: 2/5, reading", written());
        assertEquals(132, StatusLine.width("132"));
        assertEquals(80, StatusLine.width(null));
        assertEquals(80, StatusLine.width("wide"));
    }

    @Test
    void onlyATerminalThatCanClearALineShowsIt() {
        assertTrue(Terminal.showsProgress(Map.of("TERM", "xterm-256color"), () -> true));
        assertTrue(!Terminal.showsProgress(Map.of("TERM", "dumb"), () -> true));
        assertTrue(!Terminal.showsProgress(Map.of(), () -> false), "standard error is piped");
    }
}
