package dev.lumen.runtime.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The window a {@code rate_limit} or a {@code token_budget} counts over, written as a unit after the number:
 * {@code rate_limit 10 per_minute}, {@code token_budget 200000 per_day}. A window slides: a call counts for
 * exactly one window length after it was made.
 */
public enum Window {
    PER_SECOND("per_second", 1_000L, "second"),
    PER_MINUTE("per_minute", 60_000L, "minute"),
    PER_HOUR("per_hour", 3_600_000L, "hour"),
    PER_DAY("per_day", 86_400_000L, "day");

    private final String word;
    private final long millis;
    private final String noun;

    Window(String word, long millis, String noun) {
        this.word = word;
        this.millis = millis;
        this.noun = noun;
    }

    /** The unit as a grant writes it, {@code per_minute}. */
    public String word() {
        return word;
    }

    public long millis() {
        return millis;
    }

    /** {@code the last minute}, for messages. */
    public String last() {
        return "the last " + noun;
    }

    public static Optional<Window> byWord(String word) {
        return Arrays.stream(values()).filter(w -> w.word.equals(word)).findFirst();
    }

    /** Every unit, shortest window first. */
    public static List<String> words() {
        return Arrays.stream(values()).map(Window::word).toList();
    }

    /** {@code `per_second`, `per_minute`, `per_hour` or `per_day`}, for messages. */
    public static String listed() {
        List<String> quoted = words().stream().map(w -> "`" + w + "`").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
    }
}
