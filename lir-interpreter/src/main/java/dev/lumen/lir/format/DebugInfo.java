package dev.lumen.lir.format;

import java.util.List;

/**
 * What a debugger needs of a cell beyond its source map (lir-v1.md §2.5): the cell's span in the document, where
 * each Lumen statement starts, and which registers hold which named variables over which instructions.
 *
 * <p>Spans are 1-based lines and UTF-16 columns of the `.lm.md` document, the end exclusive. {@code cell} is the
 * cell's declaration (null when unknown). {@code statements} are in increasing {@code pc} order, at most one per
 * instruction; for `if`, `for` and `match` the span is the head, up to the end of the condition, iterable or
 * subject. {@code locals} are the `let`, loop and pattern variables (parameters are named by the cell's parameter
 * list): variable {@code name} is held in {@code register} and visible at instructions {@code from} to
 * {@code to - 1}.
 */
public record DebugInfo(Span cell, List<Statement> statements, List<Local> locals) {

    /** A cell without debug information: no span, no statements, no named locals. */
    public static final DebugInfo NONE = new DebugInfo(null, List.of(), List.of());

    /** A range of the document: from {@code line:column} to just before {@code endLine:endColumn}. */
    public record Span(int line, int column, int endLine, int endColumn) {
    }

    /** A statement that starts at instruction {@code pc}. */
    public record Statement(int pc, Span span) {
    }

    /** A named variable in {@code register}, visible at instructions {@code from} (inclusive) to {@code to} (exclusive). */
    public record Local(String name, int register, int from, int to) {

        public boolean visibleAt(int pc) {
            return from <= pc && pc < to;
        }
    }
}
