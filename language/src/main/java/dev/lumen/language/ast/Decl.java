package dev.lumen.language.ast;

import dev.lumen.language.source.Span;
import java.util.List;

/** Top-level declarations. */
public sealed interface Decl {

    Span span();

    /** The declared name, or null for a grant. */
    Ident name();

    record Record(Ident name, List<Field> fields, Span span) implements Decl {
    }

    /** A record field; {@code constraint} is the `where` expression or null. */
    record Field(Ident name, TypeExpr type, Expr constraint, Span span) {
    }

    record Enum(Ident name, List<Ident> variants, Span span) implements Decl {
    }

    /** A cell; {@code returns} is null when the header has no `-> T` (the cell returns Null). */
    record Cell(Ident name, List<Param> params, TypeExpr returns, Block body, Span span) implements Decl {
    }

    record Param(Ident name, TypeExpr type) {
    }

    /**
     * `use tool a.b as Alias` ({@code toolId} set) or `use tool mcp "server" as Alias` ({@code mcpServer} set).
     */
    record UseTool(Ident toolId, Ident mcpServer, Ident alias, Span span) implements Decl {
        @Override
        public Ident name() {
            return alias;
        }
    }

    /** `grant Alias[.tool] clause…`; {@code tool} is null for a whole-alias grant. */
    record Grant(Ident alias, Ident tool, List<GrantClause> clauses, Span span) implements Decl {
        @Override
        public Ident name() {
            return null;
        }
    }

    record GrantClause(Ident key, List<GrantValue> values, Span span) {
    }

    /** A grant clause value: a String, Long, Double or Boolean literal, or a bare word such as per_minute. */
    record GrantValue(Object value, boolean word, Span span) {
    }
}
