package dev.lumen.language.ide;

import dev.lumen.language.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a rename: the name's span at the position and every edit it takes (definition and uses), or
 * why it cannot be renamed ({@code refusal}, then nothing else is set).
 */
public record RenameResult(Span target, List<Replacement> edits, String refusal) {

    public RenameResult {
        edits = List.copyOf(edits);
    }

    static RenameResult refused(String why) {
        return new RenameResult(null, List.of(), why);
    }

    public boolean isRefused() {
        return refusal != null;
    }

    /** Why the rename is refused, when it is. */
    public Optional<String> refusalReason() {
        return Optional.ofNullable(refusal);
    }
}
