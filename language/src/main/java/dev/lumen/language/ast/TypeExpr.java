package dev.lumen.language.ast;

import dev.lumen.language.source.Span;
import java.util.List;

/** Types as written in source. */
public sealed interface TypeExpr {

    Span span();

    /** A primitive, built-in, record or enum name. */
    record Named(Ident name) implements TypeExpr {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record ListOf(TypeExpr element, Span span) implements TypeExpr {
    }

    record MapOf(TypeExpr key, TypeExpr value, Span span) implements TypeExpr {
    }

    record Result(TypeExpr ok, TypeExpr err, Span span) implements TypeExpr {
    }

    record Union(List<TypeExpr> members, Span span) implements TypeExpr {
    }
}
