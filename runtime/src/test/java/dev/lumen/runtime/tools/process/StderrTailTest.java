package dev.lumen.runtime.tools.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StderrTailTest {

    /** Hands out at most {@code chunk} bytes per read, as a pipe does. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static String tail(String written, int chunk) {
        StderrTail tail = new StderrTail(trickle(written.getBytes(StandardCharsets.UTF_8), chunk));
        tail.run();
        return tail.text();
    }

    @Test
    void keepsShortOutputWholeWithoutTrailingWhiteSpace() {
        assertEquals("", tail("", 10));
        assertEquals("warning: x\nerror: y", tail("warning: x\nerror: y\n\n", 3));
        String exactly = "a".repeat(StderrTail.BYTES);
        assertEquals(exactly, tail(exactly, 100));
    }

    @Test
    void keepsTheLastBytesOfLongOutputInAnyChunking() {
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            written.append(String.format("%04d\n", i));
        }
        String expected = "…" + written.substring(written.length() - StderrTail.BYTES).stripTrailing();
        for (int chunk : new int[] {1, 7, 100, 2047, 2048, 2049, 5000, 8192}) {
            assertEquals(expected, tail(written.toString(), chunk), "chunks of " + chunk);
        }
    }

    @Test
    void doesNotStartInTheMiddleOfACharacter() {
        String text = "é".repeat(StderrTail.BYTES); // two bytes each: the tail may begin on a second byte
        String kept = tail("x" + text, 333);
        assertTrue(kept.startsWith("…é"), kept);
        assertEquals(StderrTail.BYTES / 2, kept.length() - 1);
    }
}
