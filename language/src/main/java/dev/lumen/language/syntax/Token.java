package dev.lumen.language.syntax;

import dev.lumen.language.source.Span;
import java.util.List;

/**
 * One token. {@code column} is the 0-based column in the code line (indentation-sensitive forms compare
 * it); {@code value} holds a Long for INT, a Double for FLOAT and a {@code List<StringPiece>} for STRING
 * and ROLE_TEXT.
 */
public record Token(TokenKind kind, String text, Span span, int column, Object value) {

    @SuppressWarnings("unchecked")
    public List<StringPiece> pieces() {
        return (List<StringPiece>) value;
    }

    /** How the token reads in "found …" diagnostics. */
    public String describe() {
        return switch (kind) {
            case IDENT -> "identifier `" + text + "`";
            case INT, FLOAT -> "number `" + text + "`";
            case STRING -> "string";
            case EOF -> text.equals("}") ? "`}`" : kind.describe();
            case NEWLINE, ROLE_TEXT -> kind.describe();
            default -> kind.describe();
        };
    }
}
