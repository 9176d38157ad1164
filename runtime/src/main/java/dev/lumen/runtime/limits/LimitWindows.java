package dev.lumen.runtime.limits;

/**
 * Where the windows of rate limits and token budgets are kept: in a store, shared by every run that uses it
 * (tool-manifest-v1.md §4.4), or in memory, shared by the runs of one context.
 */
public interface LimitWindows {

    /**
     * Atomically with respect to every other counter of the same windows: sums what {@code key} recorded in the
     * last {@code windowMillis}; when that is below {@code limit}, records {@code amount} now ({@code 0}
     * records nothing, which checks the window).
     *
     * <p>A stored window that cannot be read or written for a reason other than its content (no space, no
     * permission, a lock held too long) throws the store's exception, which names the file.
     */
    Tally count(LimitKey key, long windowMillis, long limit, long amount);

    /**
     * Records {@code amount} in {@code key}'s window whatever it holds (tokens already spent). A damaged record
     * is kept, and refuses calls for one more window from now, so that what was spent is not forgotten.
     */
    void spend(LimitKey key, long windowMillis, long amount);

    /** Who shares these windows, for messages: {@code the runs sharing the store `DIR`}; empty for memory. */
    String sharedBy();
}
