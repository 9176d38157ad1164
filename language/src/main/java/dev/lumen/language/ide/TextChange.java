package dev.lumen.language.ide;

/**
 * One change an editor made to a document: the text between {@code start} and {@code end} replaced by
 * {@code text}, or, when both are null, the whole text replaced.
 */
public record TextChange(Position start, Position end, String text) {

    /** The whole text replaced by {@code text}. */
    public static TextChange whole(String text) {
        return new TextChange(null, null, text);
    }

    /** Whether this change replaces the whole text. */
    public boolean isWhole() {
        return start == null || end == null;
    }
}
