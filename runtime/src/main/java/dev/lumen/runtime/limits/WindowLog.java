package dev.lumen.runtime.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * The amounts one limit recorded in its sliding window: calls (amount 1) or tokens, each with the time it was
 * recorded. An entry counts until one window length after its time.
 *
 * <p>Entries less than a thousandth of the window apart are merged into the later one, which counts them a
 * little longer than their own times would: never less, and the log holds at most about a thousand entries
 * however high the limit. A time after the present (a clock that went back) is read as the present.
 */
public final class WindowLog {
    /** One entry: {@code amount} recorded at {@code time} (milliseconds since the epoch). */
    public record Entry(long time, long amount) {
    }

    private final long windowMillis;
    private final List<Entry> entries;

    public WindowLog(long windowMillis, List<Entry> entries) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("a window must be longer than 0 ms");
        }
        this.windowMillis = windowMillis;
        this.entries = new ArrayList<>(entries);
    }

    public WindowLog(long windowMillis) {
        this(windowMillis, List.of());
    }

    /** Drops what has left the window at {@code now} and returns the sum of the rest (at most Long.MAX_VALUE). */
    public long used(long now) {
        entries.replaceAll(e -> e.time() > now ? new Entry(now, e.amount()) : e);
        entries.removeIf(e -> now - e.time() >= windowMillis);
        long sum = 0;
        for (Entry e : entries) {
            sum = sum > Long.MAX_VALUE - e.amount() ? Long.MAX_VALUE : sum + e.amount();
        }
        return sum;
    }

    /** Records {@code amount} at {@code now}, merged into the latest entry when that is close enough. */
    public void add(long now, long amount) {
        if (amount <= 0) {
            return;
        }
        long grain = Math.max(1, windowMillis / 1000);
        int last = latest();
        if (last >= 0 && now >= entries.get(last).time() && now - entries.get(last).time() < grain) {
            long merged = entries.get(last).amount() > Long.MAX_VALUE - amount ? Long.MAX_VALUE
                    : entries.get(last).amount() + amount;
            entries.set(last, new Entry(now, merged));
        } else {
            entries.add(new Entry(now, amount));
        }
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private int latest() {
        int at = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (at < 0 || entries.get(i).time() >= entries.get(at).time()) {
                at = i;
            }
        }
        return at;
    }
}
