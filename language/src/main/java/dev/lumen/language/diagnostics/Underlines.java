package dev.lumen.language.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows drawn under one source line, rustc's way: `^` for the primary span, `-` for secondary ones; the
 * rightmost label sits after the marks, the others hang below on `|` connectors, rightmost first.
 */
final class Underlines {
    private Underlines() {
    }

    static List<StyledLine> draw(List<Mark> marks, String primaryStyle) {
        if (marks.isEmpty()) {
            return List.of();
        }
        List<Mark> sorted = new ArrayList<>(marks);
        sorted.sort(Comparator.comparingInt(Mark::start).thenComparing(m -> !m.primary()));
        int end = sorted.stream().mapToInt(Mark::end).max().orElse(0);

        StyledLine row = markRow(sorted, end, primaryStyle);
        Mark last = sorted.get(sorted.size() - 1);
        boolean inline = !last.label().isEmpty() && last.end() == end;
        if (inline) {
            row.add(" ").add(last.label(), style(last, primaryStyle));
        }
        List<StyledLine> rows = new ArrayList<>(List.of(row));

        List<Mark> hanging = new ArrayList<>();
        for (Mark m : sorted.reversed()) {
            if (!m.label().isEmpty() && !(inline && m == last)) {
                hanging.add(m);
            }
        }
        if (!hanging.isEmpty()) {
            rows.add(connectors(hanging, primaryStyle));
            for (int i = 0; i < hanging.size(); i++) {
                Mark m = hanging.get(i);
                StyledLine labelRow = connectors(hanging.subList(i + 1, hanging.size()), primaryStyle);
                pad(labelRow, m.start());
                rows.add(labelRow.add(m.label(), style(m, primaryStyle)));
            }
        }
        return rows;
    }

    /** The `^^^^ ----` row; where marks overlap, the primary one shows. */
    private static StyledLine markRow(List<Mark> sorted, int end, String primaryStyle) {
        Mark[] owner = new Mark[end];
        for (Mark m : sorted) {
            for (int c = m.start(); c < m.end(); c++) {
                if (owner[c] == null || (m.primary() && !owner[c].primary())) {
                    owner[c] = m;
                }
            }
        }
        StyledLine row = new StyledLine();
        int c = 0;
        while (c < end) {
            Mark m = owner[c];
            int run = c;
            while (run < end && owner[run] == m) {
                run++;
            }
            if (m == null) {
                row.add(" ".repeat(run - c));
            } else {
                row.add((m.primary() ? "^" : "-").repeat(run - c), style(m, primaryStyle));
            }
            c = run;
        }
        return row;
    }

    /** A row with `|` under the start of each mark. */
    private static StyledLine connectors(List<Mark> marks, String primaryStyle) {
        List<Mark> leftToRight = new ArrayList<>(marks);
        leftToRight.sort(Comparator.comparingInt(Mark::start));
        StyledLine row = new StyledLine();
        int column = 0;
        for (Mark m : leftToRight) {
            if (m.start() >= column) {
                row.add(" ".repeat(m.start() - column)).add("|", style(m, primaryStyle));
                column = m.start() + 1;
            }
        }
        return row;
    }

    private static void pad(StyledLine row, int to) {
        row.add(" ".repeat(Math.max(0, to - row.plainLength())));
    }

    private static String style(Mark m, String primaryStyle) {
        return m.primary() ? primaryStyle : StyledLine.BLUE;
    }
}
