package dev.lumen.language.format;

import java.util.List;

/**
 * Column alignment over runs of consecutive lines, as gofmt aligns: the types (and `where` clauses) of record
 * fields, the `->` of one-line match arms, and trailing comments. A run ends at any line of another kind, a
 * blank line or a line holding only a comment.
 */
final class Alignment {
    private Alignment() {
    }

    /** Pads the cells of field and arm lines so that each cell starts in the same column as in its run. */
    static void alignCells(List<Line> lines) {
        int i = 0;
        while (i < lines.size()) {
            Line first = lines.get(i);
            int end = i + 1;
            if (first.align != Line.Align.NONE) {
                while (end < lines.size() && lines.get(end).align == first.align
                        && lines.get(end).indent == first.indent) {
                    end++;
                }
                List<Line> run = lines.subList(i, end);
                int cells = run.stream().mapToInt(l -> l.breaks.size()).max().orElse(0);
                for (int c = 0; c < cells; c++) {
                    pad(run, c);
                }
            }
            i = end;
        }
    }

    /** Pads cell {@code c} of each line that has a cell after it to the widest such cell of the run. */
    private static void pad(List<Line> run, int c) {
        int widest = 0;
        for (Line l : run) {
            if (l.breaks.size() > c) {
                widest = Math.max(widest, width(l.code, start(l, c), l.breaks.get(c)));
            }
        }
        for (Line l : run) {
            if (l.breaks.size() > c) {
                int at = l.breaks.get(c);
                int extra = widest - width(l.code, start(l, c), at);
                l.code = l.code.substring(0, at) + " ".repeat(extra) + l.code.substring(at);
                for (int k = c; k < l.breaks.size(); k++) {
                    l.breaks.set(k, l.breaks.get(k) + extra);
                }
            }
        }
    }

    private static int start(Line l, int c) {
        return c == 0 ? 0 : l.breaks.get(c - 1) + 1;
    }

    private static int width(String s, int from, int to) {
        return s.codePointCount(from, to);
    }

    /** Aligns the trailing comments of consecutive code lines one space after the longest code among them. */
    static void alignComments(List<Line> lines) {
        int i = 0;
        while (i < lines.size()) {
            int end = i;
            while (end < lines.size() && alignsComment(lines.get(end))) {
                end++;
            }
            if (end == i) {
                i++;
                continue;
            }
            List<Line> run = lines.subList(i, end);
            int column = run.stream().mapToInt(Line::codeWidth).max().orElse(0) + 1;
            for (Line l : run) {
                l.commentGap = " ".repeat(column - l.codeWidth());
            }
            i = end;
        }
    }

    private static boolean alignsComment(Line l) {
        return l.kind == Line.Kind.CODE && l.comment != null && l.commentGap == null;
    }
}
