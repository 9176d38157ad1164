package dev.lumen.language.diagnostics;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" suggestions: the candidate closest to a misspelt name, if any is close enough. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code name}. A candidate equal to it ignoring case wins outright; otherwise
     * the one with the smallest edit distance (adjacent transpositions count as one edit), if that distance
     * is at most {@code max(1, name.length() / 3)}. Ties go to the earlier candidate, so callers control the
     * order (declaration order reads most naturally).
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(name)) {
                return Optional.of(candidate);
            }
        }
        int threshold = Math.max(1, name.length() / 3);
        String best = null;
        int bestDistance = threshold + 1;
        for (String candidate : candidates) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The help text "did you mean `x`?" for the closest candidate, if there is one. */
    public static Optional<String> didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(Suggestions::didYouMean);
    }

    /** The help text "did you mean `x`?" for a known replacement. */
    public static String didYouMean(String replacement) {
        return "did you mean `" + replacement + "`?";
    }

    /**
     * Optimal string alignment distance over code points, case-insensitively: a wrong capital is a smaller
     * slip than a wrong letter, and it should not push a name past the threshold.
     */
    static int distance(String a, String b) {
        int[] s = a.toLowerCase(Locale.ROOT).codePoints().toArray();
        int[] t = b.toLowerCase(Locale.ROOT).codePoints().toArray();
        // Three rolling rows: the transposition step looks two rows back.
        int[] before = new int[t.length + 1];
        int[] previous = new int[t.length + 1];
        int[] current = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            current[0] = i;
            for (int j = 1; j <= t.length; j++) {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous[t.length];
    }
}
