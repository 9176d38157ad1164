package dev.lumen.language.syntax;

import dev.lumen.language.source.Span;
import java.util.List;

/** A piece of a string literal or role text: literal text, or the tokens of an interpolated expression. */
public sealed interface StringPiece {

    Span span();

    record Text(String text, Span span) implements StringPiece {
    }

    record Interpolation(List<Token> tokens, Span span) implements StringPiece {
    }
}
