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

    /**
     * A cell; {@code returns} is null when the header has no `-> T` (the cell returns Null). A `test "name"`
     * block is a cell too, with no parameters, named {@code test$LINE} (a name no one can write or run), whose
     * {@code test} says what it is; {@code test} is null for every other cell.
     */
    record Cell(Ident name, List<Param> params, TypeExpr returns, Block body, Span span, Test test) implements Decl {
        public Cell(Ident name, List<Param> params, TypeExpr returns, Block body, Span span) {
            this(name, params, returns, body, span, null);
        }
    }

    /**
     * What a `test "name"` block declares besides its statements: its name, its tool fixtures, and the
     * `expect_error` that ends it, or null.
     */
    record Test(String title, List<Fixture> fixtures, ExpectError expected) {
        private static final String PREFIX = "test$";

        /** The name of the cell of the test that starts on Markdown line {@code line}. */
        public static String cellName(int line) {
            return PREFIX + line;
        }

        /** The Markdown line of the test whose cell is {@code cell} (a test cell's name). */
        public static int line(String cell) {
            return Integer.parseInt(cell.substring(PREFIX.length()));
        }

        /** Whether {@code cell} is the cell of a test (cells of tests are never run by `lumen run`). */
        public static boolean isTestCell(String cell) {
            return cell.startsWith(PREFIX);
        }
    }

    /**
     * `expect_error KIND CALL` on line {@code line}: the test passes only if CALL stops it with a runtime error of
     * that kind (run.md §4). The statement is run as CALL then {@code halt(returned)}, so a CALL that returns
     * stops the test with the message {@code returned}.
     */
    record ExpectError(String kind, int line, String returned) {
    }

    /**
     * `given Alias returns VALUE` or `given Alias.tool returns VALUE` (an MCP tool): in its test, every call of
     * that tool is answered with the constant {@code value} instead of being made. With `then VALUE…` after it,
     * the calls are answered with the {@code values} in turn, the last answering every call after it.
     */
    record Fixture(Ident alias, Ident tool, List<Expr> values, Span span) {
        public Fixture {
            values = List.copyOf(values);
        }
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
