package dev.lumen.language.syntax;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Expr.BinaryOp;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Pratt parser for expressions, plus types and match patterns. */
final class ExpressionParser {
    private static final int PREC_OR = 1;
    private static final int PREC_AND = 2;
    private static final int PREC_NOT = 3;
    private static final int PREC_COMPARE = 4;
    private static final int PREC_ADD = 5;
    private static final int PREC_MUL = 6;

    private final TokenStream in;

    ExpressionParser(TokenStream in) {
        this.in = in;
    }

    // ---- expressions -------------------------------------------------------------------------

    /** expr := binary [`expect` `schema` type], one level deeper than what holds it. */
    Expr expression() {
        in.enter();
        try {
            return unnestedExpression();
        } finally {
            in.exit();
        }
    }

    private Expr unnestedExpression() {
        Span start = in.peek().span();
        Expr e = binary(PREC_OR);
        if (softValidation(e) instanceof Expr.SchemaRef schema && atOnFail()) {
            in.advance();
            return repairLoop(((Expr.Call) e).args().get(1).value(), schema.type(), true, start);
        }
        if (in.accept(TokenKind.EXPECT)) {
            if (!in.at(TokenKind.SCHEMA)) {
                throw in.error(in.peek(), "expected `schema` after `expect`, found " + in.peek().describe(),
                        "expected `schema`");
            }
            in.advance();
            TypeExpr schema = type();
            if (atOnFail()) {
                in.advance();
                return repairLoop(e, schema, false, start);
            }
            e = new Expr.Expect(e, schema, start.to(schema.span()));
        }
        return e;
    }

    /** The largest N of `on_fail retry N`: each retry is a model call, paid for. */
    static final int MAX_RETRIES = 10;

    /** At the end of a line whose next line starts with `on_fail`. */
    private boolean atOnFail() {
        return in.at(TokenKind.NEWLINE) && in.peek(1).kind() == TokenKind.IDENT && in.peek(1).text().equals("on_fail");
    }

    /** The `schema T` of `validate(schema T, value)` with two positional arguments, else null. */
    private static Expr softValidation(Expr e) {
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Name n && n.name().name().equals("validate")
                && c.args().size() == 2 && c.args().stream().allMatch(a -> a.name() == null)) {
            return c.args().get(0).value();
        }
        return null;
    }

    /**
     * `on_fail retry N with_errors`, on the line after `expect schema T` or (soft) after `validate(schema T,
     * value)`.
     */
    private Expr repairLoop(Expr value, TypeExpr schema, boolean soft, Span start) {
        Token onFail = in.advance();
        if (!in.atWord("retry")) {
            throw in.error(in.peek(), "expected `retry` after `on_fail`, found " + in.peek().describe(),
                    "expected `retry`");
        }
        in.advance();
        Token count = in.peek();
        if (count.kind() != TokenKind.INT || ((Number) count.value()).longValue() < 1
                || ((Number) count.value()).longValue() > MAX_RETRIES) {
            throw in.report(Diagnostic.error(Code.E0007, count.span(),
                            "expected the number of retries after `retry`, found " + count.describe())
                    .label("expected an integer from 1 to " + MAX_RETRIES)
                    .help("write `on_fail retry 2 with_errors`: the model is asked again at most twice"));
        }
        in.advance();
        if (!in.atWord("with_errors")) {
            throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                            "expected `with_errors` after `retry " + count.text() + "`, found " + in.peek().describe())
                    .label("expected `with_errors`")
                    .note("a retry sends the model its reply's validation errors; `with_errors` says so")
                    .help("write `on_fail retry " + count.text() + " with_errors`"));
        }
        Token end = in.advance();
        return new Expr.Expect(value, schema, ((Number) count.value()).intValue(), soft, start.to(end.span()));
    }

    /**
     * Spans of composite expressions start at their first token, so `(a + b) / c` covers the `(` — the
     * AST keeps no node for parentheses.
     */
    private Expr binary(int minPrec) {
        Span start = in.peek().span();
        Expr left = unary();
        while (true) {
            Token opToken = in.peek();
            BinaryOp op = binaryOp(opToken.kind());
            if (opToken.kind() == TokenKind.PIPE) {
                throw in.report(Diagnostic.error(Code.E0007, opToken.span(), "`|` is not an operator in expressions")
                        .label("here")
                        .help("write logical or as `or`; `|` only separates the members of a union type"));
            }
            if (op == null || precedence(op) < minPrec) {
                return left;
            }
            in.advance();
            if (in.at(TokenKind.ASSIGN) && precedence(op) >= PREC_ADD) {
                String target = left instanceof Expr.Name n ? n.name().name() : "x";
                throw in.report(Diagnostic.error(Code.E0007, opToken.span().to(in.peek().span()),
                                "Lumen has no `" + op.symbol() + "=` operator")
                        .label("compound assignment")
                        .help("write `" + target + " = " + target + " " + op.symbol() + " …`"));
            }
            Expr right = binary(precedence(op) + 1);
            left = new Expr.Binary(op, left, right, opToken.span(), start.to(right.span()));
            if (precedence(op) == PREC_COMPARE && binaryOp(in.peek().kind()) != null
                    && precedence(binaryOp(in.peek().kind())) == PREC_COMPARE) {
                throw in.report(Diagnostic.error(Code.E0007, in.peek().span(), "comparison operators cannot be chained")
                        .label("second comparison")
                        .secondary(opToken.span(), "first comparison")
                        .help("combine the comparisons with `and`, e.g. `a < b and b < c`"));
            }
        }
    }

    private Expr unary() {
        Token t = in.peek();
        if (in.accept(TokenKind.NOT)) {
            Expr operand = operand(() -> binary(PREC_NOT + 1));
            return new Expr.Unary(Expr.UnaryOp.NOT, operand, t.span().to(operand.span()));
        }
        if (in.accept(TokenKind.MINUS)) {
            Expr operand = operand(this::unary);
            return new Expr.Unary(Expr.UnaryOp.NEG, operand, t.span().to(operand.span()));
        }
        return postfix(t.span(), primary());
    }

    /** A unary operator's operand, one level deeper than the operator. */
    private Expr operand(Supplier<Expr> parse) {
        in.enter();
        try {
            return parse.get();
        } finally {
            in.exit();
        }
    }

    private static BinaryOp binaryOp(TokenKind kind) {
        return switch (kind) {
            case OR -> BinaryOp.OR;
            case AND -> BinaryOp.AND;
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            case IN -> BinaryOp.IN;
            case PLUS -> BinaryOp.ADD;
            case MINUS -> BinaryOp.SUB;
            case STAR -> BinaryOp.MUL;
            case SLASH -> BinaryOp.DIV;
            case PERCENT -> BinaryOp.MOD;
            default -> null;
        };
    }

    private static int precedence(BinaryOp op) {
        return switch (op) {
            case OR -> PREC_OR;
            case AND -> PREC_AND;
            case EQ, NE, LT, LE, GT, GE, IN -> PREC_COMPARE;
            case ADD, SUB -> PREC_ADD;
            case MUL, DIV, MOD -> PREC_MUL;
        };
    }

    private Expr postfix(Span start, Expr e) {
        while (true) {
            if (in.at(TokenKind.LPAREN)) {
                Token open = in.advance();
                boolean repair = e instanceof Expr.Name n && n.name().name().equals(REPAIR);
                List<Expr.Arg> args = arguments(open, repair);
                e = new Expr.Call(e, args, in.spanFrom(start));
                if (repair && !args.isEmpty() && args.get(0).name() == null
                        && args.get(0).value() instanceof Expr.SchemaRef schema) {
                    e = repair((Expr.Call) e, schema);
                }
            } else if (in.at(TokenKind.LBRACKET)) {
                Token open = in.advance();
                Expr index = expression();
                close(TokenKind.RBRACKET, open, "index");
                e = new Expr.Index(e, index, in.spanFrom(start));
            } else if (in.at(TokenKind.DOT)) {
                in.advance();
                Ident field = word("field name after `.`");
                e = new Expr.Field(e, field, start.to(field.span()));
            } else {
                return e;
            }
        }
    }

    /** The operation `repair(schema T, value, errors, via Alias)` (lumen-v1.md §10.5). */
    private static final String REPAIR = "repair";
    private static final String VIA = "via";
    private static final String REPAIR_FORM = "repair(schema T, value, errors, via Chat)";

    /** {@code via}: a `via Alias` argument (of `repair`) is read as the argument {@code via} named so. */
    private List<Expr.Arg> arguments(Token open, boolean via) {
        List<Expr.Arg> args = new ArrayList<>();
        while (!in.at(TokenKind.RPAREN)) {
            if (via && in.atWord(VIA) && in.peek(1).kind() == TokenKind.IDENT) {
                Ident word = word("`via`");
                args.add(new Expr.Arg(word, new Expr.Name(ident("tool alias after `via`"))));
            } else if (isWord(in.peek()) && in.peek(1).kind() == TokenKind.COLON) {
                Ident name = word("argument name");
                in.advance();
                args.add(new Expr.Arg(name, expression()));
            } else {
                args.add(new Expr.Arg(null, expression()));
            }
            if (!in.accept(TokenKind.COMMA)) {
                break;
            }
        }
        close(TokenKind.RPAREN, open, "arguments");
        return args;
    }

    /** `repair(schema T, value, errors, via Alias)`, from its call; E0062 for any other shape. */
    private Expr repair(Expr.Call c, Expr.SchemaRef schema) {
        List<Expr.Arg> args = c.args();
        boolean shaped = args.size() == 4 && args.get(1).name() == null && args.get(2).name() == null
                && args.get(3).name() != null && args.get(3).name().name().equals(VIA)
                && args.get(3).value() instanceof Expr.Name;
        if (!shaped) {
            in.diagnostics().add(Diagnostic.error(Code.E0062, c.span(), "`repair` takes a schema, the invalid value, "
                            + "its validation errors and the model, in that order")
                    .label("not `" + REPAIR_FORM + "`")
                    .help("write `" + REPAIR_FORM + "`: `value` the reply that did not validate, `errors` its "
                            + "`ValidationError`, `Chat` an `llm.chat` import"));
            return new Expr.Error(c.span());
        }
        return new Expr.Repair(schema.type(), args.get(1).value(), args.get(2).value(),
                ((Expr.Name) args.get(3).value()).name(), c.span());
    }

    /** Expects the closing bracket of {@code open}, pointing at the opener when it is missing. */
    private void close(TokenKind closing, Token open, String what) {
        if (in.accept(closing)) {
            return;
        }
        throw in.report(Diagnostic.error(Code.E0007, in.peek().span(),
                        "expected " + closing.describe() + " to close the " + what + ", found " + in.peek().describe())
                .label("expected " + closing.describe() + " or `,`")
                .secondary(open.span(), "opened here"));
    }

    private Expr primary() {
        Token t = in.peek();
        switch (t.kind()) {
            case INT -> {
                in.advance();
                return new Expr.IntLit((Long) t.value(), t.span());
            }
            case FLOAT -> {
                in.advance();
                return new Expr.FloatLit((Double) t.value(), t.span());
            }
            case STRING -> {
                in.advance();
                return string(t);
            }
            case TRUE, FALSE -> {
                in.advance();
                return new Expr.BoolLit(t.kind() == TokenKind.TRUE, t.span());
            }
            case NULL -> {
                in.advance();
                return new Expr.NullLit(t.span());
            }
            case IDENT -> {
                in.advance();
                Ident name = new Ident(t.text(), t.span());
                if (in.at(TokenKind.LBRACE)) {
                    return recordLiteral(name);
                }
                return new Expr.Name(name);
            }
            case LPAREN -> {
                in.advance();
                Expr inner = expression();
                close(TokenKind.RPAREN, t, "parenthesised expression");
                in.nesting().parenthesised(inner);
                return inner;
            }
            case LBRACKET -> {
                in.advance();
                List<Expr> elements = new ArrayList<>();
                while (!in.at(TokenKind.RBRACKET)) {
                    elements.add(expression());
                    if (!in.accept(TokenKind.COMMA)) {
                        break;
                    }
                }
                close(TokenKind.RBRACKET, t, "list");
                return new Expr.ListLit(elements, in.spanFrom(t.span()));
            }
            case LBRACE -> {
                in.advance();
                return mapLiteral(t);
            }
            case ROLE -> {
                if (isWord(in.peek(1)) && in.peek(2).kind() == TokenKind.COLON) {
                    return role();
                }
                in.advance(); // a field or variable named `role`, as in `where role in [...]`
                return new Expr.Name(new Ident(t.text(), t.span()));
            }
            case TOOL -> {
                in.advance();
                return new Expr.Name(new Ident(t.text(), t.span()));
            }
            case SCHEMA -> {
                in.advance();
                TypeExpr type = type();
                return new Expr.SchemaRef(type, t.span().to(type.span()));
            }
            default -> throw in.error(t, "expected an expression, found " + t.describe(), "expected an expression");
        }
    }

    private Expr recordLiteral(Ident type) {
        Token open = in.advance();
        List<Expr.FieldInit> fields = new ArrayList<>();
        while (!in.at(TokenKind.RBRACE)) {
            Ident field = word("field name in record literal");
            in.expect(TokenKind.COLON, "after the field name");
            fields.add(new Expr.FieldInit(field, expression()));
            if (!in.accept(TokenKind.COMMA)) {
                break;
            }
        }
        close(TokenKind.RBRACE, open, "record literal");
        return new Expr.RecordLit(type, fields, in.spanFrom(type.span()));
    }

    private Expr mapLiteral(Token open) {
        List<Expr.MapEntry> entries = new ArrayList<>();
        while (!in.at(TokenKind.RBRACE)) {
            Expr key = expression();
            in.expect(TokenKind.COLON, "between a map key and its value");
            entries.add(new Expr.MapEntry(key, expression()));
            if (!in.accept(TokenKind.COMMA)) {
                break;
            }
        }
        close(TokenKind.RBRACE, open, "map");
        return new Expr.MapLit(entries, in.spanFrom(open.span()));
    }

    /** `role name:` followed by role text and `end`, or by an inline expression. */
    private Expr role() {
        Token keyword = in.advance();
        Ident name = word("role name after `role`");
        in.expect(TokenKind.COLON, "after the role name");
        if (in.at(TokenKind.ROLE_TEXT)) {
            Token text = in.advance();
            Expr.Str content = string(text);
            in.expect(TokenKind.END, "to close the role text");
            return new Expr.Role(name, content, null, in.spanFrom(keyword.span()));
        }
        Expr inline = expression();
        return new Expr.Role(name, null, inline, keyword.span().to(inline.span()));
    }

    /** Builds a string node, parsing each interpolation's tokens as a nested expression. */
    Expr.Str string(Token t) {
        List<Expr.StrPart> parts = new ArrayList<>();
        for (StringPiece piece : t.pieces()) {
            switch (piece) {
                case StringPiece.Text text -> parts.add(new Expr.Text(text.text()));
                case StringPiece.Interpolation interp -> parts.add(new Expr.Interp(interpolation(interp)));
            }
        }
        return new Expr.Str(parts, t.span());
    }

    private Expr interpolation(StringPiece.Interpolation piece) {
        if (!piece.closed()) {
            return new Expr.Error(piece.span());
        }
        TokenStream nested = new TokenStream(piece.tokens(), in.diagnostics(), in.nesting());
        try {
            Expr e = new ExpressionParser(nested).expression();
            if (!nested.at(TokenKind.EOF)) {
                throw nested.error(nested.peek(), "expected `}` to end the interpolation, found "
                        + nested.peek().describe(), "expected `}`");
            }
            return e;
        } catch (TokenStream.ParseError e) {
            return new Expr.Error(piece.span());
        }
    }

    /** Whether a token can be a field, argument or role name: any identifier or keyword. */
    static boolean isWord(Token t) {
        return t.kind() == TokenKind.IDENT || Lexer.isKeyword(t.text());
    }

    /**
     * A field, argument or role name. Keywords are allowed here because the position makes them
     * unambiguous, so records can have fields such as `role` or `tool`.
     */
    Ident word(String what) {
        Token t = in.peek();
        if (isWord(t)) {
            in.advance();
            return new Ident(t.text(), t.span());
        }
        return ident(what);
    }

    Ident ident(String what) {
        Token t = in.peek();
        if (t.kind() == TokenKind.IDENT) {
            in.advance();
            return new Ident(t.text(), t.span());
        }
        String found = t.describe();
        Diagnostic.Builder d = Diagnostic.error(Code.E0007, t.span(), "expected " + what + ", found " + found)
                .label("expected a name");
        if (Lexer.isKeyword(t.text())) {
            d.note("`" + t.text() + "` is a keyword and cannot be used as a name");
        }
        throw in.report(d);
    }

    // ---- types -------------------------------------------------------------------------------

    /** type := atom (`|` atom)*, one level deeper than what holds it. */
    TypeExpr type() {
        in.enter();
        try {
            return unnestedType();
        } finally {
            in.exit();
        }
    }

    private TypeExpr unnestedType() {
        TypeExpr first = typeAtom();
        if (!in.at(TokenKind.PIPE)) {
            return first;
        }
        List<TypeExpr> members = new ArrayList<>();
        members.add(first);
        while (in.accept(TokenKind.PIPE)) {
            members.add(typeAtom());
        }
        return new TypeExpr.Union(members, first.span().to(members.get(members.size() - 1).span()));
    }

    private TypeExpr typeAtom() {
        Token t = in.peek();
        if (t.kind() == TokenKind.NULL) {
            throw in.report(Diagnostic.error(Code.E0007, t.span(), "expected a type, found `null`")
                    .label("`null` is a value")
                    .help("the type of `null` is written `Null`"));
        }
        Ident name = ident("a type");
        if (!in.at(TokenKind.LBRACKET)) {
            return new TypeExpr.Named(name);
        }
        Token open = in.advance();
        TypeExpr result = switch (name.name()) {
            case "list" -> new TypeExpr.ListOf(type(), Span.NONE);
            case "map" -> {
                TypeExpr key = type();
                in.expect(TokenKind.COMMA, "between the map's key and value types");
                yield new TypeExpr.MapOf(key, type(), Span.NONE);
            }
            case "result" -> {
                TypeExpr ok = type();
                in.expect(TokenKind.COMMA, "between the result's ok and error types");
                yield new TypeExpr.Result(ok, type(), Span.NONE);
            }
            default -> throw in.report(Diagnostic.error(Code.E0007, open.span(),
                            "type `" + name.name() + "` takes no type arguments")
                    .label("unexpected `[`")
                    .help("only `list[T]`, `map[String, T]` and `result[T, E]` take type arguments"));
        };
        close(TokenKind.RBRACKET, open, "type arguments");
        Span span = in.spanFrom(name.span());
        return switch (result) {
            case TypeExpr.ListOf l -> new TypeExpr.ListOf(l.element(), span);
            case TypeExpr.MapOf m -> new TypeExpr.MapOf(m.key(), m.value(), span);
            case TypeExpr.Result r -> new TypeExpr.Result(r.ok(), r.err(), span);
            default -> result;
        };
    }

    // ---- patterns ----------------------------------------------------------------------------

    /** A pattern, one level deeper than what holds it. */
    Pattern pattern() {
        in.enter();
        try {
            return unnestedPattern();
        } finally {
            in.exit();
        }
    }

    private Pattern unnestedPattern() {
        Token t = in.peek();
        switch (t.kind()) {
            case INT, FLOAT, TRUE, FALSE, NULL -> {
                return new Pattern.Literal(primary());
            }
            case STRING -> {
                Expr.Str s = (Expr.Str) primary();
                if (s.parts().stream().anyMatch(p -> p instanceof Expr.Interp)) {
                    throw in.report(Diagnostic.error(Code.E0007, s.span(), "patterns cannot interpolate")
                            .label("interpolation in a pattern")
                            .help("match on a plain string, or compare with `==` in an `if`"));
                }
                return new Pattern.Literal(s);
            }
            case MINUS -> {
                Token minus = in.advance();
                Token number = in.peek();
                if (number.kind() != TokenKind.INT && number.kind() != TokenKind.FLOAT) {
                    throw in.error(number, "expected a number after `-` in a pattern, found " + number.describe(),
                            "expected a number");
                }
                Expr operand = primary();
                return new Pattern.Literal(new Expr.Unary(Expr.UnaryOp.NEG, operand, minus.span().to(operand.span())));
            }
            case IDENT -> {
                return namedPattern();
            }
            default -> throw in.error(t, "expected a pattern, found " + t.describe(), "expected a pattern");
        }
    }

    private Pattern namedPattern() {
        Ident name = ident("a pattern");
        if (name.name().equals("_") && !in.at(TokenKind.COLON)) {
            return new Pattern.Wildcard(name.span());
        }
        if ((name.name().equals("ok") || name.name().equals("err")) && in.at(TokenKind.LPAREN)) {
            Token open = in.advance();
            Pattern inner = pattern();
            close(TokenKind.RPAREN, open, "`" + name.name() + "` pattern");
            return new Pattern.Result(name.name().equals("ok"), inner, in.spanFrom(name.span()));
        }
        if (in.accept(TokenKind.DOT)) {
            Ident variant = ident("variant name after `.`");
            return new Pattern.Variant(name, variant, name.span().to(variant.span()));
        }
        if (in.accept(TokenKind.COLON)) {
            TypeExpr type = type();
            return new Pattern.Typed(name, type, name.span().to(type.span()));
        }
        return new Pattern.Name(name);
    }
}
