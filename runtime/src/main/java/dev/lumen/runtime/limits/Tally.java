package dev.lumen.runtime.limits;

import java.time.Instant;

/** What a limit's window held when a call was counted against it. */
public sealed interface Tally {

    /** The window held {@code used} (below the limit), and the amount asked for was recorded. */
    record Admitted(long used) implements Tally {
    }

    /** The window already holds {@code used}, at least the limit: nothing was recorded. */
    record Full(long used) implements Tally {
    }

    /**
     * The stored record of the window, at {@code file} (a path or an {@code s3://} address), cannot be read
     * ({@code problem} says why), so calls are refused until {@code until}, one window after the damage was found
     * or tokens were last spent against it; then it is replaced.
     */
    record Damaged(String file, String problem, Instant until) implements Tally {
    }
}
