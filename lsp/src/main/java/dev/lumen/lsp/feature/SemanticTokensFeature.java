package dev.lumen.lsp.feature;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.Directive;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Lexer;
import dev.lumen.language.syntax.StringPiece;
import dev.lumen.language.syntax.Token;
import dev.lumen.language.syntax.TokenKind;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import dev.lumen.lsp.text.Syntax;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;

/**
 * {@code textDocument/semanticTokens/full} for the {@code lumen} blocks and the directives: the lexer's tokens
 * (keywords, numbers, strings and the expressions interpolated in them, operators), comments (the text after a
 * {@code #} that no token covers), and names classified by what the document declares — cells, records, enums
 * and their variants, tool aliases, a cell's parameters — and by where they stand (after {@code .}, before
 * {@code (}). Names the document does not declare are told apart by their spelling only: a capitalised one is a
 * type, a call of one is an intrinsic. The legend is docs/spec/lsp.md §3.
 */
public final class SemanticTokensFeature {
    /** Token types, in legend order (a token's type is its index here). */
    enum Type {
        KEYWORD("keyword"), TYPE("type"), STRUCT("struct"), ENUM("enum"), ENUM_MEMBER("enumMember"),
        FUNCTION("function"), METHOD("method"), PROPERTY("property"), PARAMETER("parameter"), VARIABLE("variable"),
        NAMESPACE("namespace"), STRING("string"), NUMBER("number"), OPERATOR("operator"), COMMENT("comment"),
        DECORATOR("decorator");

        final String lspName;

        Type(String lspName) {
            this.lspName = lspName;
        }
    }

    /** Token modifiers, as bits in legend order. */
    static final int DECLARATION = 1;
    static final int DEFAULT_LIBRARY = 2;
    static final List<String> MODIFIERS = List.of("declaration", "defaultLibrary");

    public static SemanticTokensLegend legend() {
        List<String> types = new ArrayList<>();
        for (Type t : Type.values()) {
            types.add(t.lspName);
        }
        return new SemanticTokensLegend(types, MODIFIERS);
    }

    public void register(ServerCapabilities capabilities) {
        SemanticTokensWithRegistrationOptions options = new SemanticTokensWithRegistrationOptions(legend());
        options.setFull(true);
        options.setRange(false);
        capabilities.setSemanticTokensProvider(options);
    }

    /** One token: a range on one Markdown line (0-based line, UTF-16 start and length). */
    record Mark(int line, int start, int length, Type type, int modifiers) {
    }

    public SemanticTokens tokens(OpenDocument document) {
        return new SemanticTokens(encode(marks(document)));
    }

    List<Mark> marks(OpenDocument document) {
        Syntax syntax = document.syntax();
        Names names = Names.of(syntax);
        List<Mark> marks = new ArrayList<>();
        for (Directive d : syntax.document().directives()) {
            addMark(marks, d.nameSpan(), Type.DECORATOR, 0);
        }
        for (CodeBlock block : syntax.document().blocks()) {
            List<Token> tokens = Lexer.lex(block, new Diagnostics());
            new BlockMarks(block, names, marks).add(tokens);
            comments(block, tokens, marks);
        }
        marks.sort(Comparator.comparingInt(Mark::line).thenComparingInt(Mark::start));
        return marks;
    }

    /** The names a document declares, by what they name. */
    private record Names(Set<String> cells, Set<String> records, Set<String> enums, Set<String> variants,
            Set<String> aliases, Map<Span, Type> declarations, List<Span> toolIds, TreeMap<Integer, Decl.Cell> cellDecls) {

        static Names of(Syntax syntax) {
            Names n = new Names(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
                    new HashMap<>(), new ArrayList<>(), new TreeMap<>());
            for (Decl decl : syntax.parsed().program().decls()) {
                switch (decl) {
                    case Decl.Cell c when c.name() != null -> {
                        n.cells.add(c.name().name());
                        n.cellDecls.putIfAbsent(c.span().line(), c);
                        for (Decl.Param p : c.params()) {
                            if (p.name() != null) {
                                n.declarations.put(p.name().span(), Type.PARAMETER);
                            }
                        }
                    }
                    case Decl.Record r when r.name() != null -> {
                        n.records.add(r.name().name());
                        for (Decl.Field f : r.fields()) {
                            if (f.name() != null) {
                                n.declarations.put(f.name().span(), Type.PROPERTY);
                            }
                        }
                    }
                    case Decl.Enum e when e.name() != null -> {
                        n.enums.add(e.name().name());
                        for (Ident v : e.variants()) {
                            n.variants.add(v.name());
                            n.declarations.put(v.span(), Type.ENUM_MEMBER);
                        }
                    }
                    case Decl.UseTool u -> {
                        if (u.alias() != null) {
                            n.aliases.add(u.alias().name());
                        }
                        Ident id = u.toolId();
                        if (id != null) {
                            n.toolIds.add(id.span());
                        }
                    }
                    case Decl.Grant g -> {
                        for (Decl.GrantClause clause : g.clauses()) {
                            if (clause.key() != null) {
                                n.declarations.put(clause.key().span(), Type.KEYWORD);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            return n;
        }

        /** Whether {@code name} is a parameter of the cell whose body holds {@code at}. */
        boolean isParameter(String name, Span at) {
            var entry = cellDecls.floorEntry(at.line());
            Decl.Cell c = entry == null ? null : entry.getValue();
            return c != null && Ranges.within(c.span(), at)
                    && c.params().stream().anyMatch(p -> p.name() != null && p.name().name().equals(name));
        }

        /** What the declaration at {@code span} declares, when a name is declared there. */
        Type declaration(Span span) {
            Type type = declarations.get(span);
            if (type == null && toolIds.stream().anyMatch(id -> Ranges.within(id, span))) {
                return Type.NAMESPACE;
            }
            return type;
        }
    }

    /** Classifies the tokens of one block, strings and interpolations included. */
    private static final class BlockMarks {
        private final Map<Integer, CodeLine> codeLines = new HashMap<>();
        private final Names names;
        private final List<Mark> marks;

        BlockMarks(CodeBlock block, Names names, List<Mark> marks) {
            for (CodeLine line : block.lines()) {
                codeLines.put(line.mdLine(), line);
            }
            this.names = names;
            this.marks = marks;
        }

        void add(List<Token> tokens) {
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (parallelLine(tokens, i)) { // `@parallel`, `@end`: one keyword
                    mark(t.span().to(tokens.get(i + 1).span()), Type.KEYWORD, 0);
                    i++;
                    continue;
                }
                switch (t.kind()) {
                    case IDENT -> name(tokens, i);
                    case INT, FLOAT -> mark(t.span(), Type.NUMBER, 0);
                    case STRING, ROLE_TEXT -> text(t);
                    case NEWLINE, EOF, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, DOT, COLON -> {
                    }
                    case ARROW, ASSIGN, EQ, NE, LT, LE, GT, GE, PLUS, MINUS, STAR, SLASH, PERCENT, PIPE, AT ->
                            mark(t.span(), Type.OPERATOR, 0);
                    default -> mark(t.span(), Type.KEYWORD, 0); // the keywords, `and`, `or`, `not`, literals
                }
            }
        }

        /** Whether the token at {@code i} is the {@code @} of {@code @parallel} or {@code @end} (lumen-v1.md §8.11). */
        private static boolean parallelLine(List<Token> tokens, int i) {
            if (tokens.get(i).kind() != TokenKind.AT || i + 1 >= tokens.size()) {
                return false;
            }
            Token word = tokens.get(i + 1);
            Span at = tokens.get(i).span();
            boolean adjacent = word.span().line() == at.line() && word.span().column() == at.endColumn();
            return adjacent && (word.kind() == TokenKind.END
                    || word.kind() == TokenKind.IDENT && word.text().equals("parallel"));
        }

        private void name(List<Token> tokens, int i) {
            Token t = tokens.get(i);
            TokenKind before = i > 0 ? tokens.get(i - 1).kind() : null;
            TokenKind after = i + 1 < tokens.size() ? tokens.get(i + 1).kind() : null;
            String name = t.text();
            Type declared = names.declaration(t.span());
            if (declared != null) {
                // A tool id and a grant clause's key are named where they stand; they declare nothing.
                mark(t.span(), declared, declared == Type.KEYWORD || declared == Type.NAMESPACE ? 0 : DECLARATION);
            } else if (before == TokenKind.ROLE) {
                mark(t.span(), Type.KEYWORD, 0); // the role's name: system, user, assistant
            } else if (before == TokenKind.CELL) {
                mark(t.span(), Type.FUNCTION, DECLARATION);
            } else if (before == TokenKind.RECORD) {
                mark(t.span(), Type.STRUCT, DECLARATION);
            } else if (before == TokenKind.ENUM) {
                mark(t.span(), Type.ENUM, DECLARATION);
            } else if (before == TokenKind.AS) {
                mark(t.span(), Type.NAMESPACE, DECLARATION);
            } else if (before == TokenKind.DOT) {
                mark(t.span(), after == TokenKind.LPAREN ? Type.METHOD : Type.PROPERTY, 0);
            } else if (before == TokenKind.LET || before == TokenKind.MUT || before == TokenKind.FOR) {
                mark(t.span(), Type.VARIABLE, DECLARATION);
            } else if (names.cells.contains(name)) {
                mark(t.span(), Type.FUNCTION, 0);
            } else if (names.aliases.contains(name)) {
                mark(t.span(), Type.NAMESPACE, 0);
            } else if (names.records.contains(name)) {
                mark(t.span(), Type.STRUCT, 0);
            } else if (names.enums.contains(name)) {
                mark(t.span(), Type.ENUM, 0);
            } else if (names.variants.contains(name)) {
                mark(t.span(), Type.ENUM_MEMBER, 0);
            } else if (names.isParameter(name, t.span())) {
                mark(t.span(), Type.PARAMETER, 0);
            } else if (Character.isUpperCase(name.charAt(0))) {
                mark(t.span(), Type.TYPE, DEFAULT_LIBRARY);
            } else if (after == TokenKind.LPAREN) {
                mark(t.span(), Type.FUNCTION, DEFAULT_LIBRARY);
            } else if (after == TokenKind.LBRACKET && (name.equals("list") || name.equals("map")
                    || name.equals("result"))) {
                mark(t.span(), Type.TYPE, DEFAULT_LIBRARY);
            } else if (after == TokenKind.COLON && insideBrackets(tokens, i)) {
                mark(t.span(), Type.PROPERTY, 0); // a named argument or a record literal's field
            } else {
                mark(t.span(), Type.VARIABLE, 0);
            }
        }

        private static boolean insideBrackets(List<Token> tokens, int i) {
            int depth = 0;
            for (int k = i - 1; k >= 0; k--) {
                TokenKind kind = tokens.get(k).kind();
                if (kind == TokenKind.RPAREN) {
                    depth++;
                } else if (kind == TokenKind.LPAREN) {
                    if (depth == 0) {
                        return true;
                    }
                    depth--;
                } else if (kind == TokenKind.NEWLINE) {
                    return false;
                }
            }
            return false;
        }

        /** A string or role text: its text as strings, the expressions it interpolates as their tokens. */
        private void text(Token t) {
            List<Span> holes = new ArrayList<>();
            for (StringPiece piece : t.pieces() == null ? List.<StringPiece>of() : t.pieces()) {
                if (piece instanceof StringPiece.Interpolation in) {
                    holes.add(in.span());
                    add(in.tokens());
                }
            }
            Span s = t.span();
            for (int line = s.line(); line <= s.endLine(); line++) {
                CodeLine code = codeLines.get(line);
                if (code == null) {
                    continue;
                }
                int from = line == s.line() ? s.column() - 1 : code.mdColumnOffset() + indent(code.text());
                int to = line == s.endLine() ? s.endColumn() - 1 : code.mdColumnOffset() + code.text().length();
                for (Span hole : holes) {
                    if (hole.line() == line && hole.column() - 1 >= from && hole.column() - 1 < to) {
                        markColumns(line - 1, from, hole.column() - 1, Type.STRING);
                        from = Math.max(from, hole.endColumn() - 1);
                    }
                }
                markColumns(line - 1, from, to, Type.STRING);
            }
        }

        private static int indent(String text) {
            int i = 0;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }

        private void markColumns(int line, int from, int to, Type type) {
            if (to > from) {
                marks.add(new Mark(line, from, to - from, type, 0));
            }
        }

        private void mark(Span span, Type type, int modifiers) {
            addMark(marks, span, type, modifiers);
        }
    }

    private static void addMark(List<Mark> marks, Span span, Type type, int modifiers) {
        if (span.line() >= 1 && span.line() == span.endLine() && span.endColumn() > span.column()) {
            marks.add(new Mark(span.line() - 1, span.column() - 1, span.endColumn() - span.column(), type, modifiers));
        }
    }

    /** Comments: on each code line, from the first {@code #} no token covers to the end of the line. */
    private static void comments(CodeBlock block, List<Token> tokens, List<Mark> marks) {
        Map<Integer, List<Span>> covered = new HashMap<>();
        Set<Integer> roleTextLines = new HashSet<>();
        for (Token t : tokens) {
            Span s = t.span();
            if (t.kind() == TokenKind.ROLE_TEXT) {
                for (int line = s.line(); line <= s.endLine(); line++) {
                    roleTextLines.add(line);
                }
            } else if (s.line() >= 1) {
                covered.computeIfAbsent(s.line(), k -> new ArrayList<>()).add(s);
            }
        }
        for (CodeLine line : block.lines()) {
            if (roleTextLines.contains(line.mdLine())) {
                continue;
            }
            String text = line.text();
            for (int c = text.indexOf('#'); c >= 0; c = text.indexOf('#', c + 1)) {
                int column = line.mdColumnOffset() + c + 1;
                boolean inToken = covered.getOrDefault(line.mdLine(), List.of()).stream()
                        .anyMatch(s -> s.column() <= column && column < s.endColumn());
                if (!inToken) {
                    marks.add(new Mark(line.mdLine() - 1, column - 1, text.length() - c, Type.COMMENT, 0));
                    break;
                }
            }
        }
    }

    /** LSP's relative encoding; a token that overlaps the one before it is left out. */
    static List<Integer> encode(List<Mark> marks) {
        List<Integer> data = new ArrayList<>(marks.size() * 5);
        int line = 0;
        int start = 0;
        int end = -1;
        int endLine = -1;
        for (Mark m : marks) {
            if (m.line() == endLine && m.start() < end) {
                continue;
            }
            data.add(m.line() - line);
            data.add(m.line() == line ? m.start() - start : m.start());
            data.add(m.length());
            data.add(m.type().ordinal());
            data.add(m.modifiers());
            line = m.line();
            start = m.start();
            endLine = m.line();
            end = m.start() + m.length();
        }
        return data;
    }
}
