package dev.lumen.language.format;

import dev.lumen.language.source.Span;

/**
 * The new code of one block: the characters {@code [start, end)} of the original text, which are whole lines
 * (the block's content lines with their line terminators), replaced by {@code newText}. {@code range} is the
 * same place as Markdown positions (1-based lines and UTF-16 columns, end exclusive), for an editor's text edit.
 */
public record BlockEdit(int start, int end, Span range, String newText) {
}
