package dev.lumen.language.ast;

import dev.lumen.language.source.Span;
import java.util.List;

/** Expressions. Nodes are compared by identity: the checker keys their types on the node. */
public sealed interface Expr {

    Span span();

    record IntLit(long value, Span span) implements Expr {
    }

    record FloatLit(double value, Span span) implements Expr {
    }

    record BoolLit(boolean value, Span span) implements Expr {
    }

    record NullLit(Span span) implements Expr {
    }

    /** A string literal with interpolations; a literal without them has one Text part (or none). */
    record Str(List<StrPart> parts, Span span) implements Expr {
    }

    sealed interface StrPart {
    }

    record Text(String text) implements StrPart {
    }

    record Interp(Expr expr) implements StrPart {
    }

    record Name(Ident name) implements Expr {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record ListLit(List<Expr> elements, Span span) implements Expr {
    }

    record MapLit(List<MapEntry> entries, Span span) implements Expr {
    }

    record MapEntry(Expr key, Expr value) {
    }

    /** `Type { field: value, … }`. */
    record RecordLit(Ident type, List<FieldInit> fields, Span span) implements Expr {
    }

    record FieldInit(Ident name, Expr value) {
    }

    record Binary(BinaryOp op, Expr left, Expr right, Span opSpan, Span span) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {
    }

    /** A call of a cell, intrinsic, tool alias or `Alias.tool`; arguments may be named. */
    record Call(Expr callee, List<Arg> args, Span span) implements Expr {
    }

    /** A call argument; {@code name} is null for a positional one. */
    record Arg(Ident name, Expr value) {
    }

    record Index(Expr target, Expr index, Span span) implements Expr {
    }

    record Field(Expr target, Ident field, Span span) implements Expr {
    }

    /**
     * `value expect schema T`, and with {@code retries} > 0 the repair loop `on_fail retry N with_errors` on the
     * next line: an invalid reply of the model is sent back with its errors, at most N more times. {@code soft}:
     * the loop was written on `validate(schema T, value)`, whose value is a result instead of a halt.
     */
    record Expect(Expr value, TypeExpr schema, int retries, boolean soft, Span span) implements Expr {
        public Expect(Expr value, TypeExpr schema, Span span) {
            this(value, schema, 0, false, span);
        }
    }

    /**
     * `repair(schema T, value, errors, via Alias)`: one repair attempt — the model behind the `llm.chat` import
     * {@code via} is sent the invalid {@code value} and its {@code errors}, and its reply is validated softly.
     */
    record Repair(TypeExpr schema, Expr value, Expr errors, Ident via, Span span) implements Expr {
    }

    /** `schema T` — only meaningful as the first argument of `validate`. */
    record SchemaRef(TypeExpr type, Span span) implements Expr {
    }

    /** `role name: text … end` ({@code text} set) or `role name: expr` ({@code inline} set). */
    record Role(Ident role, Str text, Expr inline, Span span) implements Expr {
    }

    /** Stands in for an expression that failed to parse; already reported, checks nothing. */
    record Error(Span span) implements Expr {
    }

    enum BinaryOp {
        OR("or"), AND("and"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum UnaryOp {
        NEG("-"), NOT("not");

        private final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
