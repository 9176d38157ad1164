package dev.lumen.lsp;

import dev.lumen.language.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;

/** Applies an answer's text edits to a document's text, as a client does: all against the original text. */
final class TextEdits {
    private TextEdits() {
    }

    static String apply(String text, List<? extends TextEdit> edits) {
        SourceFile lines = new SourceFile("edited", text);
        List<TextEdit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt((TextEdit e) -> offset(lines, e.getRange().getStart())).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = text.length();
        for (TextEdit edit : ordered) {
            int from = offset(lines, edit.getRange().getStart());
            int to = offset(lines, edit.getRange().getEnd());
            if (to > limit || from > to) {
                throw new AssertionError("overlapping or inverted edits: " + edits);
            }
            out.replace(from, to, edit.getNewText());
            limit = from;
        }
        return out.toString();
    }

    /** An LSP position's offset: its line's start, then UTF-16 code units, which Java strings count. */
    private static int offset(SourceFile lines, Position p) {
        return lines.offset(p.getLine() + 1) + p.getCharacter();
    }
}
