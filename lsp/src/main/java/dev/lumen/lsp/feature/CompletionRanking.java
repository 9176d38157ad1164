package dev.lumen.lsp.feature;

import dev.lumen.language.ide.CompletionItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which of the front end's candidates go on the wire, best first. A large document has hundreds of names in
 * scope, and sending them all on every keystroke costs more than finding them: so the candidates are those
 * whose label holds the typed part of the name as a subsequence (ignoring case — every client's filter keeps
 * at most these), ranked by how well they match, and at most {@link #LIMIT} of them. When that left anything
 * out, the list is marked incomplete, so that the client asks again as the name grows or shrinks.
 */
final class CompletionRanking {
    /** As many candidates as a completion menu can usefully show. */
    static final int LIMIT = 100;

    record Ranked(List<CompletionItem> items, boolean incomplete) {
    }

    private CompletionRanking() {
    }

    /** The candidates for {@code typed} (the part of the name before the cursor; empty when there is none). */
    static Ranked rank(List<CompletionItem> candidates, String typed) {
        if (typed.isEmpty() && candidates.size() <= LIMIT) {
            return new Ranked(candidates, false);
        }
        String query = typed.toLowerCase(Locale.ROOT);
        List<Scored> matching = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            CompletionItem c = candidates.get(i);
            int score = score(c.label(), typed, query);
            if (score >= 0) {
                matching.add(new Scored(c, score, i));
            }
        }
        // A stable order: the better match first, then the front end's order (nearest scope first).
        matching.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::index));
        List<CompletionItem> out = new ArrayList<>(Math.min(LIMIT, matching.size()));
        for (int i = 0; i < matching.size() && i < LIMIT; i++) {
            out.add(matching.get(i).item());
        }
        return new Ranked(out, out.size() < candidates.size());
    }

    private record Scored(CompletionItem item, int score, int index) {
    }

    /**
     * 0 for a label that starts with the typed text as typed, 1 ignoring case, 2 for one that holds it as a
     * subsequence, -1 for one that does not hold it. ({@code query} is {@code typed} in lower case.)
     */
    static int score(String label, String typed, String query) {
        if (label.startsWith(typed)) {
            return 0;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        if (lower.startsWith(query)) {
            return 1;
        }
        int at = 0;
        for (int i = 0; i < lower.length() && at < query.length(); i++) {
            if (lower.charAt(i) == query.charAt(at)) {
                at++;
            }
        }
        return at == query.length() ? 2 : -1;
    }
}
