package dev.lumen.language.ide;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Lexer;
import dev.lumen.language.syntax.Token;
import dev.lumen.language.syntax.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The code before an editor's cursor, as tokens, for completion and signature help. Code being typed rarely
 * parses, so these read tokens rather than the tree: the declaration the cursor is in is lexed from its first
 * line to the cursor's line, and the tokens before the cursor are kept, without the word being typed.
 */
final class CursorContext {
    private static final List<String> DECLARATION_WORDS = List.of("cell", "record", "enum", "use", "grant");

    final int line;
    final int column;
    /** The tokens before the cursor in the declaration it is in, the word being typed left out. */
    final List<Token> before;
    /** The word being typed (an identifier or keyword touching the cursor), or null. */
    final Token word;

    private CursorContext(int line, int column, List<Token> before, Token word) {
        this.line = line;
        this.column = column;
        this.before = before;
        this.word = word;
    }

    /** The context at a position in code, or null when the position is not in a `lumen` block's code. */
    static CursorContext at(LumenDocument document, int line, int column) {
        LumenDocument.CodeLineAt at = document.codeLineAt(line);
        if (at == null) {
            return null;
        }
        CodeBlock block = at.block();
        int lineIndex = at.index();
        CodeLine code = at.line();
        int codeColumn = column - 1 - code.mdColumnOffset();
        if (codeColumn < 0 || codeColumn > code.text().length()) {
            return null;
        }
        int first = declarationStart(block.lines(), lineIndex);
        CodeBlock piece = new CodeBlock(block.lines().subList(first, lineIndex + 1), block.fence());
        List<Token> tokens = Lexer.lex(piece, new Diagnostics());
        for (Token t : tokens) {
            if (t.kind() == TokenKind.EOF || !startsBefore(t.span(), line, column)) {
                break;
            }
            if ((t.kind() == TokenKind.STRING || t.kind() == TokenKind.ROLE_TEXT) && t.span().touches(line, column)
                    && !(t.span().endLine() == line && t.span().endColumn() == column)) {
                return interpolation(block, code, t, line, column, codeColumn);
            }
        }
        if (inComment(code.text(), codeColumn)) {
            return new CursorContext(line, column, null, null);
        }
        return fromTokens(tokens, line, column);
    }

    /**
     * The context inside a string or role text: in an interpolation (`"{order.|"`), the tokens of the expression
     * written so far, as if it stood alone on its line; in plain text, nothing to complete.
     */
    private static CursorContext interpolation(CodeBlock block, CodeLine code, Token text, int line, int column,
            int codeColumn) {
        int from = text.span().line() == line ? text.span().column() - 1 - code.mdColumnOffset() : 0;
        String typed = code.text().substring(Math.max(0, from), codeColumn);
        int open = -1;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' && i + 1 < typed.length() && Lexer.isNameStart(typed.charAt(i + 1))) {
                open = i;
            } else if (c == '}') {
                open = -1;
            }
        }
        if (open < 0) {
            return new CursorContext(line, column, null, null);
        }
        int start = Math.max(0, from) + open + 1;
        String expression = " ".repeat(start) + code.text().substring(start, codeColumn);
        CodeBlock alone = new CodeBlock(List.of(new CodeLine(expression, line, code.mdColumnOffset())), block.fence());
        return fromTokens(Lexer.lex(alone, new Diagnostics()), line, column);
    }

    /** The context of the tokens before the cursor, the word being typed set apart. */
    private static CursorContext fromTokens(List<Token> tokens, int line, int column) {
        List<Token> before = new ArrayList<>();
        Token word = null;
        for (Token t : tokens) {
            if (t.kind() == TokenKind.EOF || !startsBefore(t.span(), line, column)) {
                break;
            }
            if (t.span().touches(line, column) && isWord(t)) {
                word = t;
                continue;
            }
            before.add(t);
        }
        return new CursorContext(line, column, before, word);
    }

    /** Whether the cursor is in text or a comment, where nothing is completed. */
    boolean inText() {
        return before == null;
    }

    /** The span a chosen candidate replaces: the word being typed, or an empty span at the cursor. */
    Span replace() {
        return word != null ? word.span() : Span.of(line, column, column);
    }

    /** The last token before the cursor (and before the word being typed), or null. */
    Token last() {
        return before.isEmpty() ? null : before.getLast();
    }

    Token at(int i) {
        return i >= 0 && i < before.size() ? before.get(i) : null;
    }

    boolean is(int i, TokenKind kind) {
        Token t = at(i);
        return t != null && t.kind() == kind;
    }

    /** The index of the first token of the statement the cursor is in. */
    int statementStart() {
        int depth = 0;
        for (int i = before.size() - 1; i >= 0; i--) {
            switch (before.get(i).kind()) {
                case RPAREN, RBRACKET, RBRACE -> depth++;
                case LPAREN, LBRACKET, LBRACE -> depth = Math.max(0, depth - 1);
                case NEWLINE -> {
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                default -> {
                }
            }
        }
        return 0;
    }

    /** The index of the innermost bracket left open before the cursor in its statement, or -1. */
    int openBracket() {
        return openBracketBefore(before.size());
    }

    /** The index of the innermost bracket left open before token {@code end} in the cursor's statement, or -1. */
    int openBracketBefore(int end) {
        int depth = 0;
        int start = statementStart();
        for (int i = end - 1; i >= start; i--) {
            switch (before.get(i).kind()) {
                case RPAREN, RBRACKET, RBRACE -> depth++;
                case LPAREN, LBRACKET, LBRACE -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                default -> {
                }
            }
        }
        return -1;
    }

    /** The index of the bracket that opens the one closed at {@code close}, or -1. */
    int opening(int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            switch (before.get(i).kind()) {
                case RPAREN, RBRACKET, RBRACE -> depth++;
                case LPAREN, LBRACKET, LBRACE -> {
                    depth--;
                    if (depth == 0) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    /** The names given as `name:` directly inside the bracket at {@code open}, before the cursor. */
    List<String> namesGiven(int open) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        for (int i = open + 1; i < before.size(); i++) {
            Token t = before.get(i);
            switch (t.kind()) {
                case LPAREN, LBRACKET, LBRACE -> depth++;
                case RPAREN, RBRACKET, RBRACE -> depth--;
                case IDENT -> {
                    if (depth == 0 && is(i + 1, TokenKind.COLON) && (is(i - 1, TokenKind.COMMA) || i - 1 == open)) {
                        out.add(t.text());
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** How many arguments come before the cursor's inside the bracket at {@code open}. */
    int commasAfter(int open) {
        int depth = 0;
        int commas = 0;
        for (int i = open + 1; i < before.size(); i++) {
            switch (before.get(i).kind()) {
                case LPAREN, LBRACKET, LBRACE -> depth++;
                case RPAREN, RBRACKET, RBRACE -> depth--;
                case COMMA -> {
                    if (depth == 0) {
                        commas++;
                    }
                }
                default -> {
                }
            }
        }
        return commas;
    }

    private static boolean isWord(Token t) {
        return !t.text().isEmpty() && (t.kind() == TokenKind.IDENT || Lexer.isKeyword(t.text()));
    }

    private static boolean startsBefore(Span s, int line, int column) {
        return s.line() < line || (s.line() == line && s.column() < column);
    }

    /** The line where the top-level declaration holding line {@code index} starts (a line that opens with one). */
    private static int declarationStart(List<CodeLine> lines, int index) {
        for (int i = index; i >= 0; i--) {
            String text = lines.get(i).text();
            for (String word : DECLARATION_WORDS) {
                if (text.startsWith(word) && (text.length() == word.length() || text.charAt(word.length()) == ' ')) {
                    return i;
                }
            }
        }
        return 0;
    }

    /** Whether a `#` outside string quotes comes before the cursor on its line. */
    private static boolean inComment(String text, int column) {
        boolean quoted = false;
        for (int i = 0; i < column && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == '#' && !quoted) {
                return true;
            }
        }
        return false;
    }
}
