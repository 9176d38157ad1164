package dev.lumen.language.ide;

import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A test document in the style of LemMinX's tests: Markdown text where `|` marks the cursor and «…» marks the
 * spans an answer should name (a definition, the references, the name a hover covers). The marks are removed
 * from the text; {@link #wrap} puts bare Lumen code into a `lumen` fence under a heading.
 */
record Marked(String text, int cursor, List<Span> marks) {

    static Marked of(String marked) {
        StringBuilder text = new StringBuilder();
        List<Span> marks = new ArrayList<>();
        int cursor = -1;
        int line = 1;
        int column = 1;
        int openLine = 0;
        int openColumn = 0;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            switch (c) {
                case '|' -> {
                    if (cursor >= 0) {
                        throw new IllegalArgumentException("two cursors in the test document");
                    }
                    cursor = text.length();
                }
                case '«' -> {
                    openLine = line;
                    openColumn = column;
                }
                case '»' -> marks.add(new Span(openLine, openColumn, line, column));
                default -> {
                    text.append(c);
                    if (c == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
            }
        }
        marks.sort(Comparator.comparingInt(Span::line).thenComparingInt(Span::column));
        return new Marked(text.toString(), cursor, List.copyOf(marks));
    }

    /** Lumen code in a fence under a heading: the code's first line is Markdown line 4. */
    static Marked wrap(String code) {
        return of("# Test\n\n```lumen\n" + code + (code.endsWith("\n") ? "" : "\n") + "```\n");
    }

    /** The checked document, as an editor session opens it (no project: bundled tools only). */
    Analysis analysis() {
        return analysis(Project.none());
    }

    Analysis analysis(Project project) {
        return new DocumentSession(new SourceFile("test.lm.md", text), project).current();
    }

    /** The text with {@code edits} applied. */
    String apply(List<Replacement> edits) {
        SourceFile file = new SourceFile("test.lm.md", text);
        List<Replacement> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparing((Replacement r) -> r.span().line()).thenComparing(r -> r.span().column()).reversed());
        StringBuilder out = new StringBuilder(text);
        for (Replacement r : sorted) {
            int start = file.offset(r.span().line()) + r.span().column() - 1;
            int end = file.offset(r.span().endLine()) + r.span().endColumn() - 1;
            out.replace(start, end, r.text());
        }
        return out.toString();
    }
}
