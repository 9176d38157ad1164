package dev.lumen.runtime.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Run ids: the start time in UTC to the millisecond and 8 random hex digits, {@code
 * 20261123T231500.123Z-1a2b3c4d}. All ids have the same length, so ordering them as strings orders runs by
 * start time and the greatest is the latest run; the random part keeps runs started in the same millisecond
 * by different processes apart. Within one process ids are strictly increasing.
 */
public final class RunId {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern FORM = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{8}");
    private static long lastMillis;

    private RunId() {
    }

    /** A new id for a run starting now (never equal to or less than an id this process issued before). */
    public static String next() {
        return of(monotonicMillis(System.currentTimeMillis()), ThreadLocalRandom.current().nextInt());
    }

    /** The id of a run started at {@code epochMillis}, with {@code random} as its random part. */
    public static String of(long epochMillis, int random) {
        return TIME.format(Instant.ofEpochMilli(epochMillis)) + "-" + HexFormat.of().toHexDigits(random);
    }

    /** Whether {@code text} has the form of a run id. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** Checks that {@code text} has the form of a run id and returns it. */
    public static String check(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a run id: " + text);
        }
        return text;
    }

    private static synchronized long monotonicMillis(long now) {
        lastMillis = Math.max(now, lastMillis + 1);
        return lastMillis;
    }
}
