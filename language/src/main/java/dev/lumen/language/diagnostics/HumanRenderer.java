package dev.lumen.language.diagnostics;

import dev.lumen.language.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Renders diagnostics rustc-style for a terminal: a header, the `-->` location in the Markdown file, the
 * annotated source lines, then `= note:` and `= help:` lines. Diagnostics are separated by a blank line;
 * the output ends with a newline and never has trailing whitespace.
 */
public final class HumanRenderer {
    private final boolean color;

    public HumanRenderer(boolean color) {
        this.color = color;
    }

    public String render(SourceFile file, List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            for (StyledLine line : lines(file, d)) {
                out.append(line.render(color)).append('\n');
            }
        }
        return out.toString();
    }

    private List<StyledLine> lines(SourceFile file, Diagnostic d) {
        String severityStyle = d.isError() ? StyledLine.RED : StyledLine.YELLOW;
        List<StyledLine> out = new ArrayList<>();
        out.add(new StyledLine()
                .add(d.severity().label() + "[" + d.code().id() + "]", severityStyle)
                .add(": " + d.message(), StyledLine.BOLD));

        TreeMap<Integer, List<Mark>> byLine = marks(file, d);
        int digits = byLine.isEmpty() ? 1 : String.valueOf(byLine.lastKey()).length();
        String gutter = " ".repeat(digits + 1);
        if (!byLine.isEmpty()) {
            int line = d.span().line();
            String location = file.name() + ":" + line + ":"
                    + Columns.codePoints(Columns.line(file, line), d.span().column());
            out.add(new StyledLine().add(" ".repeat(digits)).add("-->", StyledLine.BLUE).add(" " + location));
            out.add(bar(gutter));
            snippet(file, byLine, digits, severityStyle, out);
        }

        if (!d.notes().isEmpty() || !d.helps().isEmpty()) {
            if (!byLine.isEmpty()) {
                out.add(bar(gutter));
            }
            d.notes().forEach(n -> trailer(gutter, "note", n, out));
            d.helps().forEach(h -> trailer(gutter, "help", h, out));
        }
        return out;
    }

    /** Marks grouped by line, in line order; empty when the primary span cannot be drawn. */
    private static TreeMap<Integer, List<Mark>> marks(SourceFile file, Diagnostic d) {
        TreeMap<Integer, List<Mark>> byLine = new TreeMap<>();
        if (!Mark.drawable(file, d.span())) {
            return byLine;
        }
        List<Mark> all = new ArrayList<>();
        all.add(Mark.of(file, d.span(), true, d.label()));
        for (Label l : d.secondary()) {
            if (Mark.drawable(file, l.span())) {
                all.add(Mark.of(file, l.span(), false, l.message()));
            }
        }
        for (Mark m : all) {
            byLine.computeIfAbsent(m.line(), k -> new ArrayList<>()).add(m);
        }
        return byLine;
    }

    /** Each annotated line with its underlines; a one-line gap is shown, a longer one becomes `...`. */
    private void snippet(SourceFile file, TreeMap<Integer, List<Mark>> byLine, int digits, String severityStyle,
            List<StyledLine> out) {
        String gutter = " ".repeat(digits + 1);
        int previous = -1;
        for (var entry : byLine.entrySet()) {
            int line = entry.getKey();
            if (previous > 0 && line - previous == 2) {
                out.add(source(file, line - 1, digits, List.of()));
            } else if (previous > 0 && line - previous > 2) {
                out.add(new StyledLine().add("...", StyledLine.BLUE));
            }
            List<Mark> marks = entry.getValue();
            out.add(source(file, line, digits, marks));
            List<Mark> shown = LineWindow.of(Columns.display(Columns.line(file, line)), marks).marks(marks);
            for (StyledLine row : Underlines.draw(shown, severityStyle)) {
                StyledLine prefixed = bar(gutter).add(" ");
                out.add(prefixed.append(row));
            }
            previous = line;
        }
    }

    /** A source line as the snippet shows it: the part of a long line around {@code marks}. */
    private static StyledLine source(SourceFile file, int line, int digits, List<Mark> marks) {
        String number = String.valueOf(line);
        String text = Columns.display(Columns.line(file, line));
        return new StyledLine()
                .add(number + " ".repeat(digits - number.length() + 1) + "|", StyledLine.BLUE)
                .add(" " + LineWindow.of(text, marks).text(text));
    }

    private static StyledLine bar(String gutter) {
        return new StyledLine().add(gutter).add("|", StyledLine.BLUE);
    }

    /** `= note: text`; continuation lines of a multi-line text align under its first character. */
    private static void trailer(String gutter, String kind, String text, List<StyledLine> out) {
        String[] parts = text.split("\n", -1);
        out.add(new StyledLine().add(gutter).add("=", StyledLine.BLUE).add(" ").add(kind, StyledLine.BOLD)
                .add(": " + parts[0]));
        String indent = " ".repeat(gutter.length() + kind.length() + 4);
        for (int i = 1; i < parts.length; i++) {
            out.add(new StyledLine().add(indent + parts[i]));
        }
    }
}
