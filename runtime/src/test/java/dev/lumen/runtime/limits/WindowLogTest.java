package dev.lumen.runtime.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowLogTest {

    @Test
    void anEntryCountsForExactlyOneWindow() {
        WindowLog log = new WindowLog(1000);
        log.add(5000, 1);
        log.add(5600, 2);
        assertEquals(3, log.used(5999));
        assertEquals(2, log.used(6000));
        assertEquals(0, log.used(6600));
    }

    @Test
    void aHighLimitKeepsTheLogSmall() {
        WindowLog log = new WindowLog(60_000);
        for (long t = 0; t < 60_000; t += 7) {
            log.add(t, 1);
        }
        assertEquals(8572, log.used(59_999), "every call still counts");
        assertTrue(log.entries().size() <= 1001, log.entries().size() + " entries");
    }

    @Test
    void mergedEntriesNeverCountLessThanTheirOwn() {
        WindowLog log = new WindowLog(60_000);
        log.add(0, 1);
        log.add(59, 1); // within a thousandth of the window: merged into the later time
        assertEquals(1, log.entries().size());
        assertEquals(2, log.used(60_000), "the first call counts a little longer, never shorter");
        assertEquals(0, log.used(60_059));
    }

    @Test
    void sumsSaturate() {
        WindowLog log = new WindowLog(1000);
        log.add(0, Long.MAX_VALUE);
        log.add(500, 5);
        assertEquals(Long.MAX_VALUE, log.used(600));
    }
}
