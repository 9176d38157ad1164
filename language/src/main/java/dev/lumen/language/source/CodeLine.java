package dev.lumen.language.source;

/**
 * One line of a fenced Lumen block: its code text (container prefixes and fence indentation removed),
 * its 1-based line in the Markdown file, and the 0-based Markdown column where code column 0 sits.
 */
public record CodeLine(String text, int mdLine, int mdColumnOffset) {

    /** The Markdown span of code columns [start, end) on this line (0-based code columns). */
    public Span span(int start, int end) {
        return Span.of(mdLine, mdColumnOffset + start + 1, mdColumnOffset + end + 1);
    }
}
