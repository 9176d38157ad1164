package dev.lumen.language.format;

import dev.lumen.language.syntax.TokenKind;

/**
 * The space between two tokens on one line: none inside brackets, before `,` `:` `.` and after `.`, `@` or a sign,
 * none between an operand and the `(` or `[` that calls or indexes it; one inside the braces of a record literal
 * and everywhere else (around operators, `->`, `=`, `|`, after `,` and `:`, between words).
 */
final class Spacing {
    private Spacing() {
    }

    /** The space between tokens {@code a} and {@code b} of {@code layout}, {@code a} being the one just laid out. */
    static String between(BlockLayout layout, int a, int b) {
        TokenKind left = layout.token(a).kind();
        TokenKind right = layout.token(b).kind();
        if (right == TokenKind.COMMA || right == TokenKind.RPAREN || right == TokenKind.RBRACKET) {
            return "";
        }
        if (right == TokenKind.RBRACE) {
            return left != TokenKind.LBRACE && layout.inRecordBraces() ? " " : "";
        }
        if (left == TokenKind.LPAREN || left == TokenKind.LBRACKET) {
            return "";
        }
        if (left == TokenKind.LBRACE) {
            return layout.prevRecordOpen() ? " " : "";
        }
        if (left == TokenKind.DOT || right == TokenKind.DOT || right == TokenKind.COLON || left == TokenKind.AT) {
            return "";
        }
        if (left == TokenKind.MINUS && layout.prevUnary()) {
            return "";
        }
        if (right == TokenKind.LPAREN || right == TokenKind.LBRACKET) {
            // Right after an operand, the bracket calls or indexes it; `halt(…)` is written like a call.
            boolean applied = layout.endsOperand(a) || left == TokenKind.HALT && right == TokenKind.LPAREN;
            return applied ? "" : " ";
        }
        return " ";
    }
}
