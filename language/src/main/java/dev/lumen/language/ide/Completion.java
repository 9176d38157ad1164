package dev.lumen.language.ide;

import dev.lumen.language.source.Span;
import java.util.List;

/**
 * The candidates for a position, and the span a chosen one replaces: the part of a name already typed before
 * the cursor (an empty span at the cursor when there is none). Candidates are not filtered by that prefix;
 * editors filter and rank as the user types.
 */
public record Completion(Span replace, List<CompletionItem> items) {

    public Completion {
        items = List.copyOf(items);
    }
}
