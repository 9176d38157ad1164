package dev.lumen.language.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a source line a snippet shows. A line of up to {@link #WIDTH} cells is shown whole; of a longer
 * one, {@link #WIDTH} cells around its marks (from a little before the primary one), with `...` where text is
 * left out, so a diagnostic on a line of 400,000 characters stays a few lines long.
 *
 * @param from  the first cell shown
 * @param to    the cell after the last one shown
 * @param cells the width of the whole line
 */
record LineWindow(int from, int to, int cells) {
    /** The widest line shown whole, and the width of the part shown of a longer one. */
    static final int WIDTH = 120;
    /** How much of the line before the first mark a window keeps. */
    private static final int LEAD = 40;
    private static final String ELIDED = "...";

    /** The window over {@code line} (as drawn, tabs expanded) that shows {@code marks}, or the primary one first. */
    static LineWindow of(String line, List<Mark> marks) {
        int cells = line.codePointCount(0, line.length());
        if (cells <= WIDTH) {
            return new LineWindow(0, cells, cells);
        }
        int focus = marks.stream().filter(Mark::primary).mapToInt(Mark::start).findFirst()
                .orElse(marks.stream().mapToInt(Mark::start).min().orElse(0));
        int from = Math.max(0, Math.min(focus - LEAD, cells - WIDTH));
        return new LineWindow(from, Math.min(cells, from + WIDTH), cells);
    }

    /** The shown part of {@code line}, with `...` for the parts left out. */
    String text(String line) {
        if (from == 0 && to == cells) {
            return line;
        }
        int start = line.offsetByCodePoints(0, from);
        int end = line.offsetByCodePoints(start, to - from);
        return (from > 0 ? ELIDED : "") + line.substring(start, end) + (to < cells ? ELIDED : "");
    }

    /** The marks that fall in the window, moved to where the shown text puts them and cut to its ends. */
    List<Mark> marks(List<Mark> marks) {
        if (from == 0 && to == cells) {
            return marks;
        }
        int shift = (from > 0 ? ELIDED.length() : 0) - from;
        // A mark just past the line's end (an "expected … here" at the end) is kept when the end is shown.
        int last = to == cells ? to : to - 1;
        List<Mark> shown = new ArrayList<>();
        for (Mark m : marks) {
            if (m.end() <= from || m.start() > last) {
                continue;
            }
            int start = Math.max(m.start(), from);
            int end = Math.max(start + 1, Math.min(m.end(), to));
            shown.add(new Mark(m.line(), start + shift, end - start, m.primary(), m.label()));
        }
        if (shown.isEmpty() && !marks.isEmpty()) { // a mark past the window's end is drawn at that end
            Mark m = marks.stream().filter(Mark::primary).findFirst().orElse(marks.get(0));
            int start = Math.min(Math.max(m.start(), from), last);
            shown.add(new Mark(m.line(), start + shift, 1, m.primary(), m.label()));
        }
        return shown;
    }
}
