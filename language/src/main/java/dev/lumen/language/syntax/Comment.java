package dev.lumen.language.syntax;

/**
 * A `#` comment of a code line: the 1-based Markdown line it is on, the 0-based code column of its `#`, and its
 * text from the `#` to the end of the line.
 */
public record Comment(int mdLine, int column, String text) {
}
