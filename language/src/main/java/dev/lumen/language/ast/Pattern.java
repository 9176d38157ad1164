package dev.lumen.language.ast;

import dev.lumen.language.source.Span;

/** Patterns of `match` arms. */
public sealed interface Pattern {

    Span span();

    record Wildcard(Span span) implements Pattern {
    }

    /**
     * A bare name: a variant of the matched enum if it names one, otherwise a binding that matches anything.
     */
    record Name(Ident name) implements Pattern {
        @Override
        public Span span() {
            return name.span();
        }
    }

    /** An Int, Float, String, Bool or null literal (negative numbers included). */
    record Literal(Expr value) implements Pattern {
        @Override
        public Span span() {
            return value.span();
        }
    }

    /** `Enum.Variant`. */
    record Variant(Ident enumName, Ident variant, Span span) implements Pattern {
    }

    /** `ok(p)` or `err(p)`. */
    record Result(boolean ok, Pattern inner, Span span) implements Pattern {
    }

    /** `name: Type` — matches a union member of that type and binds it. */
    record Typed(Ident name, TypeExpr type, Span span) implements Pattern {
    }
}
