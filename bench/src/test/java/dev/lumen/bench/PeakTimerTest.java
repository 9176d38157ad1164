package dev.lumen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PeakTimerTest {

    private static PeakTimer timer(String... options) {
        PeakTimer timer = new PeakTimer();
        for (int i = 0; i < options.length; ) {
            i = timer.parseOption(options, i);
        }
        return timer;
    }

    @Test
    void worksInTurnsRunAlternatelyAndAsOftenAsEachOther() {
        List<String> order = new ArrayList<>();
        Supplier<String> a = () -> {
            order.add("a");
            return "1";
        };
        Supplier<String> b = () -> {
            order.add("b");
            return "2";
        };
        PeakTimer timer = timer("--warmup-seconds", "0", "--warmup-min", "2", "--iterations", "3");

        List<PeakTimer.Result> results = timer.measureInTurns(List.of(a, b));

        assertEquals(List.of("a", "b", "a", "b", "a", "b", "a", "b", "a", "b"), order);
        assertEquals("1", results.get(0).checksum());
        assertEquals("2", results.get(1).checksum());
        assertEquals(3, results.get(0).nanos().length);
        assertEquals(3, results.get(1).nanos().length);
        assertEquals(2, results.get(1).warmupIterations());
    }

    @Test
    void aWorkWhoseResultChangesFailsTheMeasurement() {
        int[] calls = {0};
        Supplier<String> drifting = () -> Integer.toString(calls[0]++ / 3);
        PeakTimer timer = timer("--warmup-seconds", "0", "--warmup-min", "1", "--iterations", "5");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> timer.measureInTurns(List.of(() -> "x", drifting)));

        assertTrue(e.getMessage().contains("returned 1, earlier iterations 0"), e.getMessage());
    }

    @Test
    void theRatioIsTheMedianOfTheRoundsRatios() {
        PeakTimer.Result lumen = new PeakTimer.Result("5", 1, new long[] {30, 20, 100, 24});
        PeakTimer.Result java = new PeakTimer.Result("5", 1, new long[] {10, 10, 50, 12});

        // Round ratios 3, 2, 2 and 2: the median is 2, where the ratio of the medians would be 27 / 11.
        assertEquals(2.0, PeakTimer.medianRatio(lumen, java), 1e-9);
        assertEquals(3.0, PeakTimer.medianRatio(
                new PeakTimer.Result("5", 1, new long[] {40, 20, 30}),
                new PeakTimer.Result("5", 1, new long[] {10, 10, 10})), 1e-9);
    }
}
