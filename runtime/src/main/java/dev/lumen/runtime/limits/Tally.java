package dev.lumen.runtime.limits;

import java.nio.file.Path;
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
     * The stored record of the window cannot be read ({@code problem} says why). Whatever it held was written by
     * {@code until} minus one window at the latest, so calls are refused until {@code until}; then it is replaced.
     */
    record Damaged(Path file, String problem, Instant until) implements Tally {
    }
}
