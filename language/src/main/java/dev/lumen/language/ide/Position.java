package dev.lumen.language.ide;

/**
 * A place in a document's text as editors (and the Language Server Protocol) count it: a 0-based line and a
 * 0-based UTF-16 character within it. {@link Analysis#offset(Position)} turns it into a text offset.
 */
public record Position(int line, int character) {
}
