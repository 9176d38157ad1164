package dev.lumen.language.format;

import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.syntax.Comment;
import dev.lumen.language.syntax.LexedBlock;
import dev.lumen.language.syntax.Token;
import dev.lumen.language.syntax.TokenKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out one fenced Lumen block as docs/spec/format.md says: each line is indented from the block structure
 * the parser sees, the spaces between tokens are normalised, record fields, match arms and trailing comments are
 * aligned, and blank lines are tidied. Only white space changes: every token, comment and line break is kept,
 * and role text keeps its content. The block must lex and parse without errors.
 */
final class BlockLayout {
    /** Spaces per level of indentation. */
    static final int INDENT = 2;

    private final List<CodeLine> lines;
    private final Token[] toks;
    private final Map<Integer, Comment> comments = new HashMap<>();
    private final int firstLine;
    /** For each line of role text, the index of the line holding its `role NAME:` header; -1 for other lines. */
    private final int[] roleHeader;
    /** For each line of role text, the common indentation of its text, which the lexer removes. */
    private final int[] roleIndent;

    private final List<Line> out = new ArrayList<>();
    /** The blocks whose bodies are open: the keyword that opened each ({@code ARROW} for a match arm). */
    private final List<TokenKind> blocks = new ArrayList<>();
    /** Blocks whose header line is being read: their bodies open at its end. */
    private final List<TokenKind> pending = new ArrayList<>();
    private final List<Bracket> brackets = new ArrayList<>();
    /** The indentation of the line of each role header whose `end` is still to come. */
    private final List<Integer> roleHeaders = new ArrayList<>();

    private int next;
    private boolean logicalStart = true;
    private int logicalIndent;
    /** The previous token of the current logical line, -1 at its start. */
    private int prev = -1;
    private boolean prevUnary;
    private boolean prevRecordOpen;
    /** Inside a `where` constraint, whose text is kept as written (lumen-v1.md §9.3 reports it). */
    private boolean verbatim;
    /** The logical line belongs to a `grant` declaration, where `-` is always a sign. */
    private boolean grant;
    /** The token `test` of the `test "name"` header being laid out, or -1. */
    private int testHeader = -1;
    private boolean openedOnLine;
    private int lineIndent;

    private record Bracket(boolean record, int openerIndent) {
    }

    private BlockLayout(CodeBlock block, LexedBlock lexed) {
        this.lines = block.lines();
        this.toks = lexed.tokens().stream().filter(t -> t.kind() != TokenKind.EOF).toArray(Token[]::new);
        this.firstLine = lines.isEmpty() ? 0 : lines.get(0).mdLine();
        for (Comment c : lexed.comments()) {
            comments.put(c.mdLine(), c);
        }
        this.roleHeader = new int[lines.size()];
        this.roleIndent = new int[lines.size()];
        Arrays.fill(roleHeader, -1);
        for (int k = 0; k < toks.length; k++) {
            if (toks[k].kind() == TokenKind.ROLE_TEXT) {
                markRoleText(lineOf(toks[k - 1]), lineOf(toks[k + 1]));
            }
        }
    }

    /** The block's lines as the formatter writes them, without container prefixes or line terminators. */
    static List<String> format(CodeBlock block, LexedBlock lexed) {
        return new BlockLayout(block, lexed).run();
    }

    private List<String> run() {
        for (int i = 0; i < lines.size(); i++) {
            skipRoleText();
            if (roleHeader[i] >= 0) {
                out.add(roleTextLine(i));
                continue;
            }
            Comment comment = comments.get(lines.get(i).mdLine());
            boolean hasTokens = next < toks.length && toks[next].kind() != TokenKind.NEWLINE && lineOf(toks[next]) == i;
            if (hasTokens) {
                out.add(codeLine(i, comment));
            } else if (comment != null) {
                out.add(Line.comment(commentIndent(), comment.text().stripTrailing()));
            } else {
                out.add(Line.blank());
            }
        }
        Alignment.alignCells(out);
        Alignment.alignComments(out);
        return BlankLines.tidy(out).stream().map(Line::render).toList();
    }

    // ---- role text ---------------------------------------------------------------------------

    private void markRoleText(int header, int end) {
        int indent = Integer.MAX_VALUE;
        for (int i = header + 1; i < end; i++) {
            String text = lines.get(i).text();
            if (!text.isBlank()) {
                indent = Math.min(indent, leadingWhitespace(text));
            }
        }
        for (int i = header + 1; i < end; i++) {
            roleHeader[i] = header;
            roleIndent[i] = indent;
        }
    }

    /** Role text moves with its header: one level deeper than it, each line keeping what follows the common indentation. */
    private Line roleTextLine(int i) {
        String text = lines.get(i).text();
        return Line.roleText(out.get(roleHeader[i]).indent + INDENT, text.isBlank() ? "" : text.substring(roleIndent[i]));
    }

    private void skipRoleText() {
        while (next < toks.length && toks[next].kind() == TokenKind.ROLE_TEXT) {
            next++;
        }
    }

    // ---- code lines --------------------------------------------------------------------------

    private Line codeLine(int i, Comment comment) {
        boolean startsLogical = logicalStart;
        TokenKind context = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        int first = next;
        lineIndent = indentOf(first, i);
        Line line = Line.code(lineIndent);
        if (startsLogical) {
            startLogicalLine(first, line);
        }
        int base = brackets.size();
        openedOnLine = false;
        StringBuilder code = new StringBuilder();
        int last = -1;
        while (next < toks.length && (toks[next].kind() == TokenKind.ROLE_TEXT || lineOf(toks[next]) == i)) {
            int k = next++;
            TokenKind kind = toks[k].kind();
            if (kind == TokenKind.ROLE_TEXT) {
                continue;
            }
            if (kind == TokenKind.NEWLINE) {
                endLogicalLine();
                continue;
            }
            if (last >= 0) {
                String gap = verbatim ? originalGap(last, k) : Spacing.between(this, last, k);
                if (startsLogical && brackets.size() == base && alignsBefore(context, last, k, line)) {
                    line.breaks.add(code.length());
                }
                code.append(gap);
            }
            code.append(raw(k));
            track(k);
            last = k;
        }
        line.code = code.toString();
        boolean complete = logicalStart;
        if (startsLogical && complete && !openedOnLine) {
            line.align = context == TokenKind.RECORD ? Line.Align.FIELD
                    : context == TokenKind.MATCH ? Line.Align.ARM : Line.Align.NONE;
        }
        if (line.align == Line.Align.NONE || line.breaks.isEmpty()) {
            line.align = Line.Align.NONE;
            line.breaks.clear();
        }
        if (comment != null) {
            line.comment = comment.text().stripTrailing();
            if (verbatim) {
                // The constraint goes on below: its text, which validation reports, runs to the line's end.
                line.commentGap = lines.get(i).text().substring(endColumn(last), comment.column());
            }
        }
        return line;
    }

    /** Where a field's type and `where`, and an arm's `->`, start: the points record fields and match arms align at. */
    private boolean alignsBefore(TokenKind context, int last, int k, Line line) {
        if (context == TokenKind.RECORD) {
            boolean afterName = line.breaks.isEmpty() && toks[last].kind() == TokenKind.COLON;
            boolean atWhere = line.breaks.size() == 1 && toks[k].kind() == TokenKind.WHERE && !isWord(k);
            return afterName || atWhere;
        }
        return context == TokenKind.MATCH && line.breaks.isEmpty() && toks[k].kind() == TokenKind.ARROW;
    }

    private void startLogicalLine(int first, Line line) {
        TokenKind kind = toks[first].kind();
        if (blocks.isEmpty()) {
            if (kind == TokenKind.GRANT) {
                grant = true;
            } else if (kind != TokenKind.IDENT) {
                grant = false;
            }
            if (!isWord(first) && switch (kind) {
                case RECORD, ENUM, CELL, USE, GRANT -> true;
                default -> false;
            }) {
                line.declaration = kind;
            } else if (isTestHeader(first)) {
                line.declaration = TokenKind.CELL; // `test "name"` … `end` is laid out as a cell is
                testHeader = first;
            }
        } else {
            grant = false;
        }
        logicalStart = false;
    }

    /** Whether token {@code k} is the `test` of a `test "name"` header (lumen-v1.md §16.1). */
    private boolean isTestHeader(int k) {
        return toks[k].kind() == TokenKind.IDENT && toks[k].text().equals("test") && k + 1 < toks.length
                && toks[k + 1].kind() == TokenKind.STRING;
    }

    private void endLogicalLine() {
        blocks.addAll(pending);
        pending.clear();
        logicalStart = true;
        verbatim = false;
        prev = -1;
    }

    /** The indentation of line {@code i}, whose first token is {@code first}. */
    private int indentOf(int first, int i) {
        Token t = toks[first];
        if (logicalStart) {
            int depth = blocks.size();
            if (isBlockEnd(first) || isElse(first)) {
                depth = Math.max(0, depth - 1);
            }
            // At the top level a line starting with a name continues a grant, deeper than `grant` (lumen-v1.md §4.2).
            logicalIndent = blocks.isEmpty() && t.kind() == TokenKind.IDENT && !isTestHeader(first) ? INDENT
                    : depth * INDENT;
            // `on_fail retry N with_errors` continues the `expect schema` above it (lumen-v1.md §10.4).
            boolean repair = t.kind() == TokenKind.IDENT && t.text().equals("on_fail") && !blocks.isEmpty();
            return logicalIndent + (repair ? INDENT : 0);
        }
        if (isRoleEnd(first)) {
            return roleHeaders.get(roleHeaders.size() - 1);
        }
        if (isCloser(t.kind())) {
            int closers = 0;
            for (int q = first; q < toks.length && lineOf(toks[q]) == i && isCloser(toks[q].kind()); q++) {
                closers++;
            }
            int opener = brackets.size() - closers;
            return opener >= 0 && opener < brackets.size() ? brackets.get(opener).openerIndent() : logicalIndent;
        }
        TokenKind before = prev >= 0 ? toks[prev].kind() : null;
        if (!brackets.isEmpty()) {
            boolean operator = before != null && before != TokenKind.COMMA && before.continuesLine();
            return brackets.get(brackets.size() - 1).openerIndent() + INDENT + (operator ? INDENT : 0);
        }
        // Continued after an operator: one level deeper; after a comma (enum variants): level with the first line.
        return logicalIndent + (before == TokenKind.COMMA ? 0 : INDENT);
    }

    /** A line holding only a comment is indented as a token starting that line would be. */
    private int commentIndent() {
        if (logicalStart) {
            return blocks.size() * INDENT;
        }
        if (!brackets.isEmpty()) {
            return brackets.get(brackets.size() - 1).openerIndent() + INDENT;
        }
        return logicalIndent + INDENT;
    }

    /** Follows the block structure, brackets and context through token {@code k}. */
    private void track(int k) {
        TokenKind kind = toks[k].kind();
        boolean recordOpen = false;
        if (k == testHeader) {
            open(TokenKind.CELL);
        }
        if (!isWord(k)) {
            switch (kind) {
                case RECORD, ENUM, CELL, FOR, MATCH -> open(kind);
                case IF -> {
                    if (!(k > 0 && toks[k - 1].kind() == TokenKind.ELSE)) {
                        open(kind);
                    }
                }
                case ELSE -> {
                    close();
                    open(TokenKind.IF);
                }
                case END -> {
                    if (k > 0 && toks[k - 1].kind() == TokenKind.AT) {
                        // the `@end` of `@parallel`, which opens no block: its lets stay at its indentation
                    } else if (isRoleEnd(k)) {
                        roleHeaders.remove(roleHeaders.size() - 1);
                    } else {
                        close();
                        verbatim = false;
                    }
                }
                case WHERE -> verbatim = true;
                case ROLE -> {
                    if (k + 3 < toks.length && toks[k + 2].kind() == TokenKind.COLON
                            && toks[k + 3].kind() == TokenKind.ROLE_TEXT) {
                        roleHeaders.add(lineIndent);
                    }
                }
                case ARROW -> {
                    if (k + 1 < toks.length && toks[k + 1].kind() == TokenKind.NEWLINE) {
                        open(kind);
                    }
                }
                case LPAREN, LBRACKET, LBRACE -> {
                    // `given Alias returns {…}` is a map, not a record literal of a type `returns`
                    recordOpen = kind == TokenKind.LBRACE && prev >= 0 && toks[prev].kind() == TokenKind.IDENT
                            && !toks[prev].text().equals("returns");
                    brackets.add(new Bracket(recordOpen, lineIndent));
                }
                case RPAREN, RBRACKET, RBRACE -> {
                    if (!brackets.isEmpty()) {
                        brackets.remove(brackets.size() - 1);
                    }
                }
                default -> {
                }
            }
        }
        prevUnary = kind == TokenKind.MINUS && (grant || prev < 0 || !endsOperand(prev));
        prevRecordOpen = recordOpen;
        prev = k;
    }

    private void open(TokenKind kind) {
        pending.add(kind);
        openedOnLine = true;
    }

    private void close() {
        if (!blocks.isEmpty()) {
            blocks.remove(blocks.size() - 1);
        }
    }

    // ---- what tokens are -----------------------------------------------------------------------

    /** A keyword written where the grammar takes a Word: a field or argument name, a role name, a tool id segment. */
    boolean isWord(int k) {
        TokenKind kind = toks[k].kind();
        if (kind == TokenKind.IDENT || !Character.isLetter(toks[k].text().isEmpty() ? ' ' : toks[k].text().charAt(0))) {
            return false;
        }
        TokenKind before = k > 0 ? toks[k - 1].kind() : null;
        TokenKind after = k + 1 < toks.length ? toks[k + 1].kind() : null;
        return before == TokenKind.DOT || before == TokenKind.ROLE || after == TokenKind.COLON
                || (before == TokenKind.TOOL && k > 1 && toks[k - 2].kind() == TokenKind.USE);
    }

    private boolean isBlockEnd(int k) {
        return toks[k].kind() == TokenKind.END && !isRoleEnd(k) && !isWord(k);
    }

    private boolean isElse(int k) {
        return toks[k].kind() == TokenKind.ELSE && !isWord(k);
    }

    private boolean isRoleEnd(int k) {
        return toks[k].kind() == TokenKind.END && k > 0 && toks[k - 1].kind() == TokenKind.ROLE_TEXT;
    }

    private static boolean isCloser(TokenKind kind) {
        return kind == TokenKind.RPAREN || kind == TokenKind.RBRACKET || kind == TokenKind.RBRACE;
    }

    /** Whether token {@code k} can end an operand, so that a `-` after it subtracts. */
    boolean endsOperand(int k) {
        return switch (toks[k].kind()) {
            case IDENT, INT, FLOAT, STRING, TRUE, FALSE, NULL, RPAREN, RBRACKET, RBRACE -> true;
            case END -> isRoleEnd(k);
            default -> isWord(k);
        };
    }

    Token token(int k) {
        return toks[k];
    }

    boolean prevUnary() {
        return prevUnary;
    }

    boolean prevRecordOpen() {
        return prevRecordOpen;
    }

    /** Whether the innermost open bracket is the brace of a record literal. */
    boolean inRecordBraces() {
        return !brackets.isEmpty() && brackets.get(brackets.size() - 1).record();
    }

    // ---- source text ---------------------------------------------------------------------------

    private int lineOf(Token t) {
        return t.span().line() - firstLine;
    }

    private int endColumn(int k) {
        Token t = toks[k];
        return t.span().endColumn() - 1 - lines.get(lineOf(t)).mdColumnOffset();
    }

    /** The token as written (a quoted name keeps its backticks, a string its escapes). */
    private String raw(int k) {
        return lines.get(lineOf(toks[k])).text().substring(toks[k].column(), endColumn(k));
    }

    private String originalGap(int a, int b) {
        return lines.get(lineOf(toks[b])).text().substring(endColumn(a), toks[b].column());
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
