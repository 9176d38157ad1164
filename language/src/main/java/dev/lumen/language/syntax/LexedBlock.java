package dev.lumen.language.syntax;

import java.util.List;

/** A block's tokens, exactly as the parser reads them, with the comments the lexer skipped, in order. */
public record LexedBlock(List<Token> tokens, List<Comment> comments) {
}
