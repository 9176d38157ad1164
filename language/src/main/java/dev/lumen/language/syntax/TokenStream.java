package dev.lumen.language.syntax;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cursor over one block's tokens, shared by the statement and expression parsers, with the error
 * reporting and resynchronisation they both use.
 */
final class TokenStream {
    private final List<Token> tokens;
    private final Diagnostics diagnostics;
    private final Nesting nesting;
    private int pos;
    private int lastErrorPos = -1;

    /** A stream over {@code tokens}, nested as deep as {@code nesting} says (an interpolation's are inside a string). */
    TokenStream(List<Token> tokens, Diagnostics diagnostics, Nesting nesting) {
        this.tokens = tokens;
        this.diagnostics = diagnostics;
        this.nesting = nesting;
    }

    /** Thrown after a syntax error has been reported, to unwind to the nearest recovery point. */
    static final class ParseError extends RuntimeException {
        ParseError() {
            super(null, null, false, false);
        }
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Nesting nesting() {
        return nesting;
    }

    /**
     * Enters one level of nesting for the construct at the cursor (see {@link Nesting}); {@link #exit} in a
     * {@code finally} leaves it. Callers write that out rather than pass the construct's parser as a lambda,
     * which would cost two more stack frames at every level.
     */
    void enter() {
        nesting.enter(peek());
    }

    void exit() {
        nesting.exit();
    }

    /** The column of the first token on the line of {@code token} (which must be at or before the cursor). */
    int lineIndent(Token token) {
        int i = pos;
        while (i > 0 && tokens.get(i) != token) {
            i--;
        }
        while (i > 0 && tokens.get(i - 1).kind() != TokenKind.NEWLINE) {
            i--;
        }
        return tokens.get(i).column();
    }

    /** The index of the current token, for {@link #tokenAt} look-backs. */
    int position() {
        return pos;
    }

    Token tokenAt(int index) {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token previous() {
        return tokens.get(Math.max(0, pos - 1));
    }

    boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    boolean atWord(String word) {
        return peek().kind() == TokenKind.IDENT && peek().text().equals(word);
    }

    /** Whether the current token is the first on its line. */
    boolean atLineStart() {
        return pos == 0 || tokens.get(pos - 1).kind() == TokenKind.NEWLINE;
    }

    Token advance() {
        Token t = peek();
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    boolean accept(TokenKind kind) {
        if (at(kind)) {
            advance();
            return true;
        }
        return false;
    }

    Token expect(TokenKind kind, String context) {
        if (at(kind)) {
            return advance();
        }
        throw error(peek(), "expected " + kind.describe() + " " + context + ", found " + peek().describe(),
                "expected " + kind.describe());
    }

    void skipNewlines() {
        while (at(TokenKind.NEWLINE)) {
            advance();
        }
    }

    /** Reports an unexpected-token error at {@code at} (once per position) and returns the unwinding error. */
    ParseError error(Token at, String message, String label) {
        return report(Diagnostic.error(Code.E0007, at.span(), message).label(label));
    }

    /**
     * Keywords already reported as misused names: later errors at them are echoes. An error at the end of
     * a block that ended inside unclosed role text is an echo too.
     */
    private final Set<String> misusedKeywords = new HashSet<>();

    void misusedKeyword(String keyword) {
        misusedKeywords.add(keyword);
    }

    private boolean isEcho() {
        Token t = peek();
        return (t.kind() == TokenKind.EOF && Boolean.TRUE.equals(t.value()))
                || (t.kind() != TokenKind.IDENT && misusedKeywords.contains(t.text()));
    }

    ParseError report(Diagnostic.Builder diagnostic) {
        if (pos > lastErrorPos && !isEcho()) {
            lastErrorPos = pos;
            diagnostics.add(diagnostic);
        }
        return new ParseError();
    }

    /** Skips the rest of the current line, newline included. */
    void syncLine() {
        while (!at(TokenKind.NEWLINE) && !at(TokenKind.EOF)) {
            advance();
        }
        accept(TokenKind.NEWLINE);
    }

    /** The statement or declaration ends here: at a newline (consumed), or before `end`/`else`/end of block. */
    void expectLineEnd(String what) {
        if (accept(TokenKind.NEWLINE) || at(TokenKind.EOF) || at(TokenKind.END) || at(TokenKind.ELSE)) {
            return;
        }
        throw error(peek(), "expected end of line after " + what + ", found " + peek().describe(),
                "unexpected " + peek().describe());
    }

    /**
     * The end of a block header (`if c`, `for …`, `match v`, a cell signature). Extra tokens are reported
     * and skipped without unwinding, so the block body is still parsed and its `end` still matches.
     */
    void headerEnd(String what) {
        if (accept(TokenKind.NEWLINE) || at(TokenKind.EOF)) {
            return;
        }
        Token t = peek();
        Diagnostic.Builder d = Diagnostic.error(Code.E0007, t.span(),
                "expected end of line after " + what + ", found " + t.describe()).label("unexpected " + t.describe());
        switch (t.text()) {
            case "then", "do", ":", "{" -> d.help("a Lumen block starts on the next line and closes with `end`; "
                    + "remove `" + t.text() + "`");
            default -> {
            }
        }
        report(d);
        syncLine();
    }

    Span spanFrom(Span start) {
        return start.to(previous().span());
    }
}
