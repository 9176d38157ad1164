package dev.lumen.language.incremental;

import dev.lumen.language.ast.Block;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.diagnostics.Label;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.ParsedBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Moves a parsed block down or up the document by whole lines: a block whose text an edit left alone but
 * whose lines moved (a line inserted above it) keeps its parse, with every span rebuilt on its new lines.
 * That costs a copy of the tree, several times cheaper than lexing and parsing it again. Every node type is
 * listed in an exhaustive switch, so a new kind of node does not compile until it is shifted too.
 */
final class SpanShift {
    private final int lines;

    private SpanShift(int lines) {
        this.lines = lines;
    }

    /** {@code block} with every span, in its tree and its diagnostics, moved by {@code lines}. */
    static ParsedBlock shift(ParsedBlock block, int lines) {
        if (lines == 0) {
            return block;
        }
        SpanShift s = new SpanShift(lines);
        return new ParsedBlock(s.list(block.decls(), s::decl), s.list(block.damaged(), s::span),
                new HashSet<>(block.lostNames()), s.list(block.diagnostics(), s::diagnostic));
    }

    private <T> List<T> list(List<T> items, Function<T, T> f) {
        List<T> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(f.apply(t));
        }
        return out;
    }

    private Span span(Span s) {
        return s == null || s.line() == 0 ? s : new Span(s.line() + lines, s.column(), s.endLine() + lines, s.endColumn());
    }

    private Ident ident(Ident i) {
        return i == null ? null : new Ident(i.name(), span(i.span()));
    }

    private Diagnostic diagnostic(Diagnostic d) {
        List<Label> secondary = list(d.secondary(), l -> new Label(span(l.span()), l.message()));
        List<Fix> fixes = list(d.fixes(), f -> new Fix(f.title(),
                list(f.edits(), e -> new Fix.Edit(span(e.span()), e.text()))));
        return new Diagnostic(d.severity(), d.code(), d.message(), span(d.span()), d.label(), secondary, d.notes(),
                d.helps(), fixes);
    }

    // ---- declarations ------------------------------------------------------------------------

    private Decl.ExpectError shifted(Decl.ExpectError e) {
        return e == null ? null : new Decl.ExpectError(e.kind(), span(Span.of(e.line(), 1, 1)).line(), e.returned());
    }

    private Decl decl(Decl d) {
        return switch (d) {
            case Decl.Record r -> new Decl.Record(ident(r.name()), list(r.fields(), this::field), span(r.span()));
            case Decl.Enum e -> new Decl.Enum(ident(e.name()), list(e.variants(), this::ident), span(e.span()));
            case Decl.Cell c -> new Decl.Cell(c.test() == null ? ident(c.name())
                            // a test's cell is named by its line, which moved too
                            : new Ident(Decl.Test.cellName(Decl.Test.line(c.name().name()) + lines), span(c.name().span())),
                    list(c.params(), p -> new Decl.Param(ident(p.name()), type(p.type()))), type(c.returns()),
                    block(c.body()), span(c.span()), c.test() == null ? null : new Decl.Test(c.test().title(),
                            list(c.test().fixtures(), f -> new Decl.Fixture(ident(f.alias()), ident(f.tool()),
                                    list(f.values(), this::expr), span(f.span()))), shifted(c.test().expected())));
            case Decl.UseTool u -> new Decl.UseTool(ident(u.toolId()), ident(u.mcpServer()), ident(u.alias()),
                    span(u.span()));
            case Decl.Grant g -> new Decl.Grant(ident(g.alias()), ident(g.tool()), list(g.clauses(), this::clause),
                    span(g.span()));
        };
    }

    private Decl.Field field(Decl.Field f) {
        return new Decl.Field(ident(f.name()), type(f.type()), expr(f.constraint()), span(f.span()));
    }

    private Decl.GrantClause clause(Decl.GrantClause c) {
        return new Decl.GrantClause(ident(c.key()),
                list(c.values(), v -> new Decl.GrantValue(v.value(), v.word(), span(v.span()))), span(c.span()));
    }

    // ---- statements --------------------------------------------------------------------------

    private Block block(Block b) {
        return b == null ? null : new Block(list(b.statements(), this::stmt), span(b.span()));
    }

    private Stmt stmt(Stmt s) {
        return switch (s) {
            case Stmt.Let l -> new Stmt.Let(ident(l.name()), l.mutable(), type(l.type()), expr(l.value()), span(l.span()));
            case Stmt.Assign a -> new Stmt.Assign(expr(a.target()), expr(a.value()), span(a.span()));
            case Stmt.If i -> new Stmt.If(list(i.branches(), b -> new Stmt.Branch(expr(b.condition()), block(b.body()))),
                    block(i.otherwise()), span(i.span()));
            case Stmt.For f -> new Stmt.For(ident(f.item()), ident(f.value()), expr(f.iterable()), block(f.body()),
                    span(f.span()));
            case Stmt.Match m -> new Stmt.Match(expr(m.scrutinee()),
                    list(m.arms(), a -> new Stmt.Arm(pattern(a.pattern()), block(a.body()), span(a.span()))),
                    span(m.span()));
            case Stmt.Return r -> new Stmt.Return(expr(r.value()), span(r.span()));
            case Stmt.Halt h -> new Stmt.Halt(expr(h.message()), span(h.span()));
            case Stmt.ExprStmt e -> new Stmt.ExprStmt(expr(e.expr()), span(e.span()));
            case Stmt.Parallel p -> new Stmt.Parallel(list(p.lets(), l -> (Stmt.Let) stmt(l)), span(p.span()));
        };
    }

    private Pattern pattern(Pattern p) {
        if (p == null) {
            return null;
        }
        return switch (p) {
            case Pattern.Wildcard w -> new Pattern.Wildcard(span(w.span()));
            case Pattern.Name n -> new Pattern.Name(ident(n.name()));
            case Pattern.Literal l -> new Pattern.Literal(expr(l.value()));
            case Pattern.Variant v -> new Pattern.Variant(ident(v.enumName()), ident(v.variant()), span(v.span()));
            case Pattern.Result r -> new Pattern.Result(r.ok(), pattern(r.inner()), span(r.span()));
            case Pattern.Typed t -> new Pattern.Typed(ident(t.name()), type(t.type()), span(t.span()));
        };
    }

    // ---- expressions and types ---------------------------------------------------------------

    private Expr expr(Expr e) {
        if (e == null) {
            return null;
        }
        return switch (e) {
            case Expr.IntLit i -> new Expr.IntLit(i.value(), span(i.span()));
            case Expr.FloatLit f -> new Expr.FloatLit(f.value(), span(f.span()));
            case Expr.BoolLit b -> new Expr.BoolLit(b.value(), span(b.span()));
            case Expr.NullLit n -> new Expr.NullLit(span(n.span()));
            case Expr.Str s -> str(s);
            case Expr.Name n -> new Expr.Name(ident(n.name()));
            case Expr.ListLit l -> new Expr.ListLit(list(l.elements(), this::expr), span(l.span()));
            case Expr.MapLit m -> new Expr.MapLit(
                    list(m.entries(), x -> new Expr.MapEntry(expr(x.key()), expr(x.value()))), span(m.span()));
            case Expr.RecordLit r -> new Expr.RecordLit(ident(r.type()),
                    list(r.fields(), f -> new Expr.FieldInit(ident(f.name()), expr(f.value()))), span(r.span()));
            case Expr.Binary b -> new Expr.Binary(b.op(), expr(b.left()), expr(b.right()), span(b.opSpan()),
                    span(b.span()));
            case Expr.Unary u -> new Expr.Unary(u.op(), expr(u.operand()), span(u.span()));
            case Expr.Call c -> new Expr.Call(expr(c.callee()),
                    list(c.args(), a -> new Expr.Arg(ident(a.name()), expr(a.value()))), span(c.span()));
            case Expr.Index i -> new Expr.Index(expr(i.target()), expr(i.index()), span(i.span()));
            case Expr.Field f -> new Expr.Field(expr(f.target()), ident(f.field()), span(f.span()));
            case Expr.Repair r -> new Expr.Repair(type(r.schema()), expr(r.value()), expr(r.errors()), ident(r.via()),
                    span(r.span()));
            case Expr.Expect x -> new Expr.Expect(expr(x.value()), type(x.schema()), x.retries(), x.soft(),
                    span(x.span()));
            case Expr.SchemaRef s -> new Expr.SchemaRef(type(s.type()), span(s.span()));
            case Expr.Role r -> new Expr.Role(ident(r.role()), r.text() == null ? null : str(r.text()), expr(r.inline()),
                    span(r.span()));
            case Expr.Error x -> new Expr.Error(span(x.span()));
        };
    }

    private Expr.Str str(Expr.Str s) {
        return new Expr.Str(list(s.parts(), p -> switch (p) {
            case Expr.Text t -> t;
            case Expr.Interp i -> new Expr.Interp(expr(i.expr()));
        }), span(s.span()));
    }

    private TypeExpr type(TypeExpr t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case TypeExpr.Named n -> new TypeExpr.Named(ident(n.name()));
            case TypeExpr.ListOf l -> new TypeExpr.ListOf(type(l.element()), span(l.span()));
            case TypeExpr.MapOf m -> new TypeExpr.MapOf(type(m.key()), type(m.value()), span(m.span()));
            case TypeExpr.Result r -> new TypeExpr.Result(type(r.ok()), type(r.err()), span(r.span()));
            case TypeExpr.Union u -> new TypeExpr.Union(list(u.members(), this::type), span(u.span()));
        };
    }
}
