package dev.lumen.language.syntax;

import dev.lumen.language.source.Span;
import java.util.List;

/** A piece of a string literal or role text: literal text, or the tokens of an interpolated expression. */
public sealed interface StringPiece {

    Span span();

    record Text(String text, Span span) implements StringPiece {
    }

    /** {@code closed} is false when the `}` is missing; that was reported and the tokens are not parsed. */
    record Interpolation(List<Token> tokens, boolean closed, Span span) implements StringPiece {
    }
}
