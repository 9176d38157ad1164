package dev.lumen.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A document written with markers, as LemMinX's tests write theirs: {@code |} is the cursor, {@code [[…]]}
 * surrounds a range (ranges are numbered in the order they open), and {@code \|} is a literal {@code |} (Lumen's
 * union types use it). The markers are removed from {@link #text()}; positions count UTF-16 code units.
 */
record Marked(String text, Position cursor, List<Range> ranges) {

    static Marked of(String marked) {
        StringBuilder text = new StringBuilder();
        Position cursor = null;
        List<Range> ranges = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        List<Position> starts = new ArrayList<>();
        int line = 0;
        int character = 0;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == '\\' && i + 1 < marked.length() && marked.charAt(i + 1) == '|') {
                text.append('|');
                character++;
                i++;
            } else if (c == '|') {
                if (cursor != null) {
                    throw new IllegalArgumentException("two cursors in " + marked);
                }
                cursor = new Position(line, character);
            } else if (marked.startsWith("[[", i)) {
                open.add(ranges.size());
                ranges.add(null);
                starts.add(new Position(line, character));
                i++;
            } else if (marked.startsWith("]]", i) && !open.isEmpty()) {
                int index = open.removeLast();
                ranges.set(index, new Range(starts.removeLast(), new Position(line, character)));
                i++;
            } else {
                text.append(c);
                if (c == '\n') {
                    line++;
                    character = 0;
                } else {
                    character++;
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("an unclosed [[ in " + marked);
        }
        return new Marked(text.toString(), cursor, List.copyOf(ranges));
    }

    Range range(int index) {
        return ranges.get(index);
    }
}
