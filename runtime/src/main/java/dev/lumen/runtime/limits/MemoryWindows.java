package dev.lumen.runtime.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Windows kept in memory, for runs without a store: shared by whoever holds this object (one context). */
public final class MemoryWindows implements LimitWindows {
    private final LongSupplier clock;
    private final Map<LimitKey, WindowLog> logs = new HashMap<>();

    public MemoryWindows() {
        this(System::currentTimeMillis);
    }

    /** With a clock in milliseconds, for tests. */
    public MemoryWindows(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Tally count(LimitKey key, long windowMillis, long limit, long amount) {
        long now = clock.getAsLong();
        WindowLog log = logs.computeIfAbsent(key, k -> new WindowLog(windowMillis));
        long used = log.used(now);
        if (used >= limit) {
            return new Tally.Full(used);
        }
        log.add(now, amount);
        return new Tally.Admitted(used);
    }

    @Override
    public synchronized void spend(LimitKey key, long windowMillis, long amount) {
        count(key, windowMillis, Long.MAX_VALUE, amount);
    }

    @Override
    public String sharedBy() {
        return "";
    }
}
