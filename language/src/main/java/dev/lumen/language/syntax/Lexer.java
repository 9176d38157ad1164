package dev.lumen.language.syntax;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one fenced Lumen block into tokens. Newlines end statements except inside brackets or after an
 * operator; role-block text is scanned raw, line by line, with its common indentation removed.
 */
public final class Lexer {
    private static final Map<String, TokenKind> KEYWORDS = Map.ofEntries(
            Map.entry("record", TokenKind.RECORD), Map.entry("enum", TokenKind.ENUM),
            Map.entry("cell", TokenKind.CELL), Map.entry("let", TokenKind.LET), Map.entry("mut", TokenKind.MUT),
            Map.entry("if", TokenKind.IF), Map.entry("else", TokenKind.ELSE), Map.entry("for", TokenKind.FOR),
            Map.entry("in", TokenKind.IN), Map.entry("match", TokenKind.MATCH),
            Map.entry("return", TokenKind.RETURN), Map.entry("halt", TokenKind.HALT),
            Map.entry("use", TokenKind.USE), Map.entry("tool", TokenKind.TOOL), Map.entry("as", TokenKind.AS),
            Map.entry("grant", TokenKind.GRANT), Map.entry("expect", TokenKind.EXPECT),
            Map.entry("schema", TokenKind.SCHEMA), Map.entry("role", TokenKind.ROLE),
            Map.entry("end", TokenKind.END), Map.entry("where", TokenKind.WHERE),
            Map.entry("and", TokenKind.AND), Map.entry("or", TokenKind.OR),
            Map.entry("not", TokenKind.NOT), Map.entry("true", TokenKind.TRUE),
            Map.entry("false", TokenKind.FALSE), Map.entry("null", TokenKind.NULL));

    private final List<CodeLine> lines;
    private final Diagnostics diagnostics;
    private final List<Token> out = new ArrayList<>();
    private int depth;
    /** The block ended inside role text: syntax errors at its end are echoes of that. */
    private boolean endsInsideRoleText;
    /** How many interpolations enclose the one being lexed (strings nest inside them). */
    private int interpolations;
    /**
     * The rest of the current line was given up where interpolations nest too deeply: what the enclosing
     * strings say about their missing ends is an echo of that.
     */
    private boolean lineGivenUp;
    /** Where comments are collected, for tools that keep them (the formatter); null when they are dropped. */
    private final List<Comment> comments;

    private Lexer(CodeBlock block, Diagnostics diagnostics, List<Comment> comments) {
        this.lines = block.lines();
        this.diagnostics = diagnostics;
        this.comments = comments;
    }

    public static List<Token> lex(CodeBlock block, Diagnostics diagnostics) {
        return new Lexer(block, diagnostics, null).run(block);
    }

    /**
     * Lexes a block as {@link #lex} does, to the same tokens and diagnostics, and also keeps its comments: the
     * parser never sees them, the formatter puts them back.
     */
    public static LexedBlock lexWithComments(CodeBlock block, Diagnostics diagnostics) {
        List<Comment> comments = new ArrayList<>();
        List<Token> tokens = new Lexer(block, diagnostics, comments).run(block);
        return new LexedBlock(tokens, List.copyOf(comments));
    }

    public static boolean isKeyword(String word) {
        return KEYWORDS.containsKey(word);
    }

    private List<Token> run(CodeBlock block) {
        int i = 0;
        while (i < lines.size()) {
            CodeLine line = lines.get(i);
            List<Token> lineTokens = new ArrayList<>();
            scan(line, 0, lineTokens, false);
            lineGivenUp = false;
            if (!lineTokens.isEmpty() && startsStatement(lineTokens.get(0).kind()) && unfinished()) {
                // A declaration or statement keyword cannot continue an expression: an unclosed bracket
                // or a dangling operator above ends there, and the error is reported on that line.
                depth = 0;
                CodeLine previous = lines.get(i - 1);
                int col = previous.text().length();
                out.add(new Token(TokenKind.NEWLINE, "", previous.span(col, col), col, null));
            }
            for (Token t : lineTokens) {
                track(t.kind());
                out.add(t);
            }
            if (endsWithRoleHeader(lineTokens)) {
                i = roleText(i + 1, lineTokens.get(lineTokens.size() - 3));
                continue;
            }
            if (!lineTokens.isEmpty()) {
                newline(line);
            }
            i++;
        }
        CodeLine last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
        Span end = last == null ? block.fence() : last.span(last.text().length(), last.text().length());
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != TokenKind.NEWLINE && !endsInsideRoleText) {
            out.add(new Token(TokenKind.NEWLINE, "", end, 0, null));
        }
        out.add(new Token(TokenKind.EOF, "", end, 0, endsInsideRoleText ? Boolean.TRUE : null));
        return out;
    }

    private static boolean startsStatement(TokenKind kind) {
        return switch (kind) {
            case RECORD, ENUM, CELL, USE, GRANT, LET, RETURN, IF, FOR, MATCH, HALT -> true;
            default -> false;
        };
    }

    /** Whether the code so far is inside brackets or ends with an operator that continues the line. */
    private boolean unfinished() {
        if (depth > 0) {
            return true;
        }
        if (out.isEmpty()) {
            return false;
        }
        TokenKind last = out.get(out.size() - 1).kind();
        return last != TokenKind.NEWLINE && last.continuesLine();
    }

    private void track(TokenKind kind) {
        switch (kind) {
            case LPAREN, LBRACKET, LBRACE -> depth++;
            case RPAREN, RBRACKET, RBRACE -> depth = Math.max(0, depth - 1);
            default -> {
            }
        }
    }

    private void newline(CodeLine line) {
        if (depth > 0 || out.isEmpty()) {
            return;
        }
        Token last = out.get(out.size() - 1);
        if (last.kind() == TokenKind.NEWLINE || last.kind().continuesLine()) {
            return;
        }
        int col = line.text().length();
        out.add(new Token(TokenKind.NEWLINE, "", line.span(col, col), col, null));
    }

    private static boolean endsWithRoleHeader(List<Token> t) {
        int n = t.size();
        return n >= 3 && t.get(n - 1).kind() == TokenKind.COLON && ExpressionParser.isWord(t.get(n - 2))
                && t.get(n - 3).kind() == TokenKind.ROLE;
    }

    // ---- role text ---------------------------------------------------------------------------

    /**
     * Scans raw text lines after a `role NAME:` header. The text is the lines indented deeper than the
     * header's line; it closes at an `end` line indented at least as far as the header's line. Returns the
     * index of the line to lex next: the `end` line (lexed normally, so `end,` and `end)` work), or the
     * line that ended the text without one.
     */
    private int roleText(int first, Token roleKeyword) {
        int headerIndent = leadingWhitespace(lines.get(first - 1).text());
        int endLine = first;
        while (endLine < lines.size()) {
            String text = lines.get(endLine).text();
            if (!text.isBlank() && (leadingWhitespace(text) <= headerIndent || isRoleEnd(text))) {
                break;
            }
            endLine++;
        }
        boolean closed = endLine < lines.size() && isRoleEnd(lines.get(endLine).text())
                && leadingWhitespace(lines.get(endLine).text()) >= headerIndent;
        List<CodeLine> body = lines.subList(first, endLine);
        int indent = Integer.MAX_VALUE;
        for (CodeLine l : body) {
            if (!l.text().isBlank()) {
                indent = Math.min(indent, leadingWhitespace(l.text()));
            }
        }
        int from = 0;
        int to = body.size();
        while (from < to && body.get(from).text().isBlank()) {
            from++;
        }
        while (to > from && body.get(to - 1).text().isBlank()) {
            to--;
        }
        PieceBuilder pieces = new PieceBuilder();
        for (int k = from; k < to; k++) {
            CodeLine l = body.get(k);
            if (k > from) {
                pieces.text("\n", l.span(0, 0));
            }
            if (!l.text().isBlank()) {
                roleLine(l, indent, pieces);
            }
        }
        Span span = from < to
                ? body.get(from).span(indent, indent).to(body.get(to - 1).span(0, body.get(to - 1).text().length()))
                : roleKeyword.span().atEnd();
        out.add(new Token(TokenKind.ROLE_TEXT, "", span, 0, pieces.build()));
        if (!closed) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0005, roleKeyword.span(), "role block is never closed")
                    .label("this role text has no `end` line");
            if (endLine < lines.size()) {
                CodeLine stop = lines.get(endLine);
                int at = leadingWhitespace(stop.text());
                d.secondary(stop.span(at, stop.text().length()), "the text ends here: this line is not indented "
                        + "deeper than the `role` line");
            } else {
                endsInsideRoleText = true;
            }
            report(d.help("close the text with a line containing only `end`, indented like the "
                    + "`role` line"));
            out.add(new Token(TokenKind.END, "end", span.atEnd(), 0, null));
            if (!endsInsideRoleText) {
                newline(lines.get(endLine - 1)); // the line that stopped the text starts a new statement
            }
        }
        return endLine;
    }

    /** The closing line is `end`, optionally followed by closing punctuation and a comment. */
    private static boolean isRoleEnd(String text) {
        String t = text.strip();
        if (!t.startsWith("end")) {
            return false;
        }
        for (int i = 3; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '#') {
                return true;
            }
            if (c != ',' && c != ')' && c != ']' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private void roleLine(CodeLine line, int indent, PieceBuilder pieces) {
        String s = line.text();
        int i = indent;
        if (i < s.length() && s.charAt(i) == '\\' && s.startsWith("end", i + 1)) {
            i++; // `\end` writes a text line that would otherwise close the block
        }
        pieces.restart(i);
        lineGivenUp = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "{}\\".indexOf(s.charAt(i + 1)) >= 0) {
                pieces.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '{' && startsInterpolation(s, i)) {
                i = interpolation(line, i, pieces);
            } else {
                pieces.append(c);
                i++;
            }
        }
        pieces.flush(line, i);
        lineGivenUp = false;
    }

    private void report(Diagnostic.Builder diagnostic) {
        if (!lineGivenUp) {
            diagnostics.add(diagnostic);
        }
    }

    // ---- tokens of one line ------------------------------------------------------------------

    /**
     * A name between backticks (spec §3.6): an identifier whatever characters it holds, for names from outside
     * Lumen such as the MCP tool `get-sum`. Returns the index after the closing backtick.
     */
    private int quotedName(CodeLine line, int open, List<Token> sink) {
        String s = line.text();
        int close = s.indexOf('`', open + 1);
        if (close < 0) {
            report(Diagnostic.error(Code.E0001, line.span(open, open + 1), "unclosed quoted name")
                    .label("no closing backtick on this line")
                    .help("a quoted name ends with a backtick on the same line, as in Server.`get-sum`(a: 1.0, b: 2.0)"));
            // Recovery: the name runs to the next space, so the rest of the line still parses.
            int end = open + 1;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            if (end > open + 1) {
                sink.add(new Token(TokenKind.IDENT, s.substring(open + 1, end), line.span(open, end), open, null));
            }
            return end;
        }
        if (close == open + 1) {
            report(Diagnostic.error(Code.E0001, line.span(open, close + 1), "empty quoted name")
                    .label("no name between the backticks"));
            return close + 1;
        }
        sink.add(new Token(TokenKind.IDENT, s.substring(open + 1, close), line.span(open, close + 1), open, null));
        return close + 1;
    }

    /**
     * Scans tokens from {@code pos}. In interpolation mode, stops at the `}` that closes the
     * interpolation and returns its index, or -1 when the line ends first.
     */
    private int scan(CodeLine line, int pos, List<Token> sink, boolean interpolation) {
        String s = line.text();
        int braces = 0;
        int i = pos;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                if (!interpolation && comments != null) {
                    comments.add(new Comment(line.mdLine(), i, s.substring(i)));
                }
                return interpolation ? -1 : s.length();
            } else if (isNameStart(c)) {
                int start = i;
                while (i < s.length() && isNamePart(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                sink.add(new Token(KEYWORDS.getOrDefault(word, TokenKind.IDENT), word, line.span(start, i), start,
                        null));
            } else if (c == '`') {
                i = quotedName(line, i, sink);
            } else if (c >= '0' && c <= '9') {
                i = number(line, i, sink);
            } else if (c == '"') {
                if (interpolation && !closingQuoteFollows(s, i + 1)) {
                    return -1; // this quote ends the enclosing string: the interpolation is unclosed
                }
                i = string(line, i, sink);
            } else {
                if (interpolation && c == '}' && braces == 0) {
                    return i;
                }
                if (c == '&' || c == '!' && (i + 1 >= s.length() || s.charAt(i + 1) != '=') || c == '\'') {
                    i = foreignOperator(line, i, sink);
                    continue;
                }
                TokenKind kind = punctuation(s, i);
                if (kind == null) {
                    int cp = s.codePointAt(i);
                    int len = Character.charCount(cp);
                    Diagnostic.Builder d = Diagnostic.error(Code.E0001, line.span(i, i + len),
                            "unexpected character `" + new String(Character.toChars(cp)) + "`")
                            .label("not valid in Lumen code");
                    if (c == ';') {
                        d.help("statements end at the end of the line; remove the `;`");
                    }
                    report(d);
                    i += len;
                    continue;
                }
                if (kind == TokenKind.LBRACE) {
                    braces++;
                } else if (kind == TokenKind.RBRACE) {
                    braces--;
                }
                int len = kind.describe().length() - 2; // the symbol between the backticks
                sink.add(new Token(kind, s.substring(i, i + len), line.span(i, i + len), i, null));
                i += len;
            }
        }
        return interpolation ? -1 : i;
    }

    /**
     * `&&`, `&`, `!` and single-quoted strings, as other languages write them: reported once, then lexed
     * as the Lumen token they stand for so parsing goes on undisturbed. Returns the index after them.
     */
    private int foreignOperator(CodeLine line, int i, List<Token> sink) {
        String s = line.text();
        char c = s.charAt(i);
        if (c == '\'') {
            int close = s.indexOf('\'', i + 1);
            if (close > i) {
                String content = s.substring(i + 1, close);
                Span span = line.span(i, close + 1);
                report(Diagnostic.error(Code.E0001, span, "strings are written with double quotes")
                        .label("single-quoted string")
                        .help("write `\"" + content + "\"`"));
                sink.add(new Token(TokenKind.STRING, s.substring(i, close + 1), span, i,
                        List.of(new StringPiece.Text(content, span))));
                return close + 1;
            }
            report(Diagnostic.error(Code.E0001, line.span(i, i + 1), "unexpected character `'`")
                    .label("not valid in Lumen code")
                    .help("strings are written with double quotes: \"…\""));
            return i + 1;
        }
        int len = c == '&' && i + 1 < s.length() && s.charAt(i + 1) == '&' ? 2 : 1;
        String text = s.substring(i, i + len);
        Span span = line.span(i, i + len);
        boolean and = c == '&';
        report(Diagnostic.error(Code.E0001, span, "unexpected `" + text + "`")
                .label("not a Lumen operator")
                .help(and ? "logical and is written `and`" : "logical negation is written `not`"));
        sink.add(new Token(and ? TokenKind.AND : TokenKind.NOT, text, span, i, null));
        return i + len;
    }

    private static TokenKind punctuation(String s, int i) {
        char c = s.charAt(i);
        char n = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
        return switch (c) {
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case ',' -> TokenKind.COMMA;
            case '.' -> TokenKind.DOT;
            case ':' -> TokenKind.COLON;
            case '+' -> TokenKind.PLUS;
            case '*' -> TokenKind.STAR;
            case '/' -> TokenKind.SLASH;
            case '%' -> TokenKind.PERCENT;
            case '|' -> TokenKind.PIPE;
            case '@' -> TokenKind.AT;
            case '-' -> n == '>' ? TokenKind.ARROW : TokenKind.MINUS;
            case '=' -> n == '=' ? TokenKind.EQ : TokenKind.ASSIGN;
            case '!' -> n == '=' ? TokenKind.NE : null;
            case '<' -> n == '=' ? TokenKind.LE : TokenKind.LT;
            case '>' -> n == '=' ? TokenKind.GE : TokenKind.GT;
            default -> null;
        };
    }

    private int number(CodeLine line, int start, List<Token> sink) {
        String s = line.text();
        int i = digits(s, start);
        boolean isFloat = false;
        if (i + 1 < s.length() && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
            isFloat = true;
            i = digits(s, i + 1);
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < s.length() && isDigit(s.charAt(j))) {
                isFloat = true;
                i = digits(s, j);
            }
        }
        int end = i;
        while (end < s.length() && isNamePart(s.charAt(end))) {
            end++;
        }
        String text = s.substring(start, end);
        Span span = line.span(start, end);
        if (end > i || text.endsWith("_") || text.contains("__")) {
            report(Diagnostic.error(Code.E0004, span, "invalid number literal `" + text + "`")
                    .label("not a number")
                    .help("numbers are written like `42`, `1_000`, `3.14` or `2.5e-3`"));
            sink.add(new Token(TokenKind.INT, text, span, start, 0L));
            return end;
        }
        String digits = text.replace("_", "");
        if (isFloat) {
            double value = Double.parseDouble(digits);
            if (Double.isInfinite(value)) {
                report(Diagnostic.error(Code.E0004, span, "float literal `" + text + "` is too large")
                        .label("larger than the largest Float, about 1.8e308")
                        .help("Float is an IEEE 754 64-bit number; infinities cannot be written or stored in JSON"));
                value = 0.0;
            }
            sink.add(new Token(TokenKind.FLOAT, text, span, start, value));
            return end;
        }
        long value = 0;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            report(Diagnostic.error(Code.E0004, span, "integer literal `" + text + "` does not fit in Int")
                    .label("larger than 9223372036854775807")
                    .help("Int is a 64-bit signed integer; use a Float literal such as `" + digits + ".0` "
                            + "if an approximate value will do"));
        }
        sink.add(new Token(TokenKind.INT, text, span, start, value));
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int i) {
        while (i < s.length() && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private int string(CodeLine line, int start, List<Token> sink) {
        String s = line.text();
        PieceBuilder pieces = new PieceBuilder();
        int i = start + 1;
        pieces.restart(i);
        while (true) {
            if (i >= s.length()) {
                report(Diagnostic.error(Code.E0002, line.span(start, s.length()),
                        "string literal is never closed").label("this string has no closing `\"`")
                        .help("strings end on the line they start on; use a role block or `\\n` for "
                                + "multi-line text"));
                break;
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\\') {
                i = escape(line, i, pieces.pending);
            } else if (c == '{' && startsInterpolation(s, i)) {
                i = interpolation(line, i, pieces);
            } else {
                pieces.append(c);
                i++;
            }
        }
        pieces.flush(line, Math.max(pieces.pendingStart, i - 1));
        sink.add(new Token(TokenKind.STRING, s.substring(start, i), line.span(start, i), start, pieces.build()));
        return i;
    }

    private int escape(CodeLine line, int i, StringBuilder text) {
        String s = line.text();
        if (i + 1 >= s.length()) {
            text.append('\\');
            return i + 1;
        }
        char e = s.charAt(i + 1);
        switch (e) {
            case 'n' -> text.append('\n');
            case 't' -> text.append('\t');
            case 'r' -> text.append('\r');
            case '0' -> text.append('\0');
            case '"', '\\', '{', '}' -> text.append(e);
            case 'u' -> {
                return unicodeEscape(line, i, text);
            }
            default -> {
                report(Diagnostic.error(Code.E0003, line.span(i, i + 2), "unknown escape sequence `\\" + e + "`")
                        .label("not a Lumen escape")
                        .help("valid escapes are \\n \\t \\r \\0 \\\" \\\\ \\{ \\} and \\u{…}; write `\\\\` "
                                + "for a backslash"));
                text.append(e);
            }
        }
        return i + 2;
    }

    private int unicodeEscape(CodeLine line, int i, StringBuilder text) {
        String s = line.text();
        int close = s.indexOf('}', i);
        if (i + 2 < s.length() && s.charAt(i + 2) == '{' && close > i + 3 && close - (i + 3) <= 6) {
            String hex = s.substring(i + 3, close);
            try {
                int cp = Integer.parseInt(hex, 16);
                if (Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                    text.appendCodePoint(cp);
                    return close + 1;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        int end = close > i ? close + 1 : Math.min(s.length(), i + 2);
        report(Diagnostic.error(Code.E0003, line.span(i, end), "invalid unicode escape")
                .label("expected `\\u{` hex digits `}` naming a Unicode scalar value")
                .help("for example `\\u{1F600}`"));
        return end;
    }

    private static boolean closingQuoteFollows(String s, int i) {
        for (int k = i; k < s.length(); k++) {
            if (s.charAt(k) == '\\') {
                k++;
            } else if (s.charAt(k) == '"') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code c} can start a name written without backticks (lumen-v1.md §3.6). */
    public static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** Whether {@code c} can continue a name written without backticks. */
    public static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean startsInterpolation(String s, int i) {
        return i + 1 < s.length() && isNameStart(s.charAt(i + 1));
    }

    /**
     * Lexes `{expr}` starting at the brace, after the text before it; returns the index after the
     * interpolation, where the next text piece starts.
     */
    private int interpolation(CodeLine line, int open, PieceBuilder pieces) {
        pieces.flush(line, open);
        int end = interpolationTokens(line, open, pieces);
        pieces.restart(end);
        return end;
    }

    private int interpolationTokens(CodeLine line, int open, PieceBuilder pieces) {
        if (interpolations >= Nesting.LIMIT) {
            // Strings nested in interpolations this deep cross the nesting limit; lexing them further would
            // recurse as deep. The rest of the line is given up, and the enclosing strings end there unclosed.
            Span at = line.span(open, open + 1);
            report(Nesting.diagnostic(at));
            lineGivenUp = true;
            pieces.interpolation(List.of(), false, at);
            return line.text().length();
        }
        interpolations++;
        try {
            return scannedInterpolation(line, open, pieces);
        } finally {
            interpolations--;
        }
    }

    private int scannedInterpolation(CodeLine line, int open, PieceBuilder pieces) {
        List<Token> tokens = new ArrayList<>();
        int close = scan(line, open + 1, tokens, true);
        if (close >= 0) {
            tokens.add(new Token(TokenKind.EOF, "}", line.span(close, close + 1), close, null));
            pieces.interpolation(tokens, true, line.span(open, close + 1));
            return close + 1;
        }
        // Unclosed: the interpolation runs to the quote that ends the string, or to the end of the line.
        int end = Math.max(open + 1, tokens.isEmpty() ? open + 1 : lastColumn(tokens));
        while (end < line.text().length() && line.text().charAt(end) != '"') {
            end++;
        }
        Span span = line.span(open, end);
        report(Diagnostic.error(Code.E0006, span, "interpolation is never closed")
                .label("expected `}` to end this interpolation")
                .help("write `\\{` for a literal brace"));
        pieces.interpolation(List.of(), false, span);
        return end;
    }

    private static int lastColumn(List<Token> tokens) {
        Token last = tokens.get(tokens.size() - 1);
        return last.column() + Math.max(1, last.text().length());
    }

    /** Accumulates pieces, merging adjacent text; {@code pending} is text not yet made a piece. */
    private static final class PieceBuilder {
        private final List<StringPiece> pieces = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();
        private int pendingStart;

        void restart(int at) {
            pending.setLength(0);
            pendingStart = at;
        }

        void append(char c) {
            pending.append(c);
        }

        /** Makes the pending text, which ends at code column {@code end}, a piece. */
        void flush(CodeLine line, int end) {
            text(pending.toString(), line.span(pendingStart, end));
            pending.setLength(0);
        }

        void text(String text, Span span) {
            if (text.isEmpty()) {
                return;
            }
            if (!pieces.isEmpty() && pieces.get(pieces.size() - 1) instanceof StringPiece.Text prev) {
                pieces.set(pieces.size() - 1, new StringPiece.Text(prev.text() + text, prev.span().to(span)));
            } else {
                pieces.add(new StringPiece.Text(text, span));
            }
        }

        void interpolation(List<Token> tokens, boolean closed, Span span) {
            pieces.add(new StringPiece.Interpolation(tokens, closed, span));
        }

        List<StringPiece> build() {
            return List.copyOf(pieces);
        }
    }
}
