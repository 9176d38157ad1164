package dev.lumen.lsp;

import dev.lumen.lsp.text.LineIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.TextEdit;

/** Applies an answer's text edits to a document's text, as a client does: all against the original text. */
final class TextEdits {
    private TextEdits() {
    }

    static String apply(String text, List<? extends TextEdit> edits) {
        LineIndex lines = LineIndex.of(text);
        List<TextEdit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt((TextEdit e) -> lines.offset(e.getRange().getStart())).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = text.length();
        for (TextEdit edit : ordered) {
            int from = lines.offset(edit.getRange().getStart());
            int to = lines.offset(edit.getRange().getEnd());
            if (to > limit || from > to) {
                throw new AssertionError("overlapping or inverted edits: " + edits);
            }
            out.replace(from, to, edit.getNewText());
            limit = from;
        }
        return out.toString();
    }
}
