package dev.lumen.language.syntax;

import dev.lumen.language.ast.Block;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Measures how deep a parsed declaration nests (lumen-v1.md §4.7) without recursion, so a chain of 100,000
 * operators is measured as safely as it was parsed. Each statement, expression, type and pattern is one level
 * below the construct that holds it, and each pair of parentheses one more; a declaration's fields, parameters,
 * return type and body statements are at level 1.
 */
final class SyntaxDepth {
    private SyntaxDepth() {
    }

    /** A node to visit and its level. */
    private record Visit(Object node, int level) {
    }

    /** Where the first construct (in source order) deeper than {@code limit} starts, or null when there is none. */
    static Span firstBeyond(Decl decl, Nesting nesting, int limit) {
        Deque<Visit> pending = new ArrayDeque<>();
        List<Object> children = new ArrayList<>();
        top(decl, children);
        push(pending, children, 1, nesting);
        while (!pending.isEmpty()) {
            Visit v = pending.pop();
            if (v.level() > limit) {
                return where(v.node());
            }
            children.clear();
            children(v.node(), children);
            push(pending, children, v.level() + 1, nesting);
        }
        return null;
    }

    /** Pushes {@code children} so they are visited in order, each at {@code level} plus its parentheses. */
    private static void push(Deque<Visit> pending, List<Object> children, int level, Nesting nesting) {
        for (int i = children.size() - 1; i >= 0; i--) {
            Object child = children.get(i);
            int parens = child instanceof Expr e ? nesting.parensAround(e) : 0;
            pending.push(new Visit(child, level + parens));
        }
    }

    /** Where a construct starts for the reader: an operator's symbol, a postfix operation's `.`, `[` or `(`. */
    private static Span where(Object node) {
        return switch (node) {
            case Expr.Binary b -> b.opSpan();
            case Expr.Field f -> f.target().span().atEnd();
            case Expr.Index i -> i.target().span().atEnd();
            case Expr.Call c -> c.callee().span().atEnd();
            case Expr e -> e.span();
            case Stmt s -> s.span();
            case TypeExpr t -> t.span();
            case Pattern p -> p.span();
            default -> Span.NONE;
        };
    }

    private static void top(Decl decl, List<Object> out) {
        switch (decl) {
            case Decl.Record r -> r.fields().forEach(f -> {
                out.add(f.type());
                add(out, f.constraint());
            });
            case Decl.Cell c -> {
                c.params().forEach(p -> out.add(p.type()));
                add(out, c.returns());
                block(c.body(), out);
            }
            case Decl.Enum e -> {
            }
            case Decl.UseTool u -> {
            }
            case Decl.Grant g -> {
            }
        }
    }

    private static void children(Object node, List<Object> out) {
        switch (node) {
            case Stmt s -> statement(s, out);
            case Expr e -> expression(e, out);
            case TypeExpr t -> type(t, out);
            case Pattern p -> pattern(p, out);
            default -> {
            }
        }
    }

    private static void statement(Stmt s, List<Object> out) {
        switch (s) {
            case Stmt.Let l -> {
                add(out, l.type());
                out.add(l.value());
            }
            case Stmt.Assign a -> {
                out.add(a.target());
                out.add(a.value());
            }
            case Stmt.If i -> {
                for (Stmt.Branch b : i.branches()) {
                    out.add(b.condition());
                    block(b.body(), out);
                }
                if (i.otherwise() != null) {
                    block(i.otherwise(), out);
                }
            }
            case Stmt.For f -> {
                out.add(f.iterable());
                block(f.body(), out);
            }
            case Stmt.Match m -> {
                out.add(m.scrutinee());
                for (Stmt.Arm arm : m.arms()) {
                    out.add(arm.pattern());
                    block(arm.body(), out);
                }
            }
            case Stmt.Return r -> add(out, r.value());
            case Stmt.Halt h -> out.add(h.message());
            case Stmt.ExprStmt e -> out.add(e.expr());
            case Stmt.Parallel p -> out.addAll(p.lets());
        }
    }

    private static void expression(Expr e, List<Object> out) {
        switch (e) {
            case Expr.Str s -> s.parts().forEach(p -> {
                if (p instanceof Expr.Interp i) {
                    out.add(i.expr());
                }
            });
            case Expr.ListLit l -> out.addAll(l.elements());
            case Expr.MapLit m -> m.entries().forEach(entry -> {
                out.add(entry.key());
                out.add(entry.value());
            });
            case Expr.RecordLit r -> r.fields().forEach(f -> out.add(f.value()));
            case Expr.Binary b -> {
                out.add(b.left());
                out.add(b.right());
            }
            case Expr.Unary u -> out.add(u.operand());
            case Expr.Call c -> {
                out.add(c.callee());
                c.args().forEach(a -> out.add(a.value()));
            }
            case Expr.Index i -> {
                out.add(i.target());
                out.add(i.index());
            }
            case Expr.Field f -> out.add(f.target());
            case Expr.Expect x -> {
                out.add(x.value());
                out.add(x.schema());
            }
            case Expr.Repair r -> {
                out.add(r.schema());
                out.add(r.value());
                out.add(r.errors());
            }
            case Expr.SchemaRef r -> out.add(r.type());
            case Expr.Role r -> {
                add(out, r.text());
                add(out, r.inline());
            }
            case Expr.IntLit i -> {
            }
            case Expr.FloatLit f -> {
            }
            case Expr.BoolLit b -> {
            }
            case Expr.NullLit n -> {
            }
            case Expr.Name n -> {
            }
            case Expr.Error err -> {
            }
        }
    }

    private static void type(TypeExpr t, List<Object> out) {
        switch (t) {
            case TypeExpr.ListOf l -> out.add(l.element());
            case TypeExpr.MapOf m -> {
                out.add(m.key());
                out.add(m.value());
            }
            case TypeExpr.Result r -> {
                out.add(r.ok());
                out.add(r.err());
            }
            case TypeExpr.Union u -> out.addAll(u.members());
            case TypeExpr.Named n -> {
            }
        }
    }

    private static void pattern(Pattern p, List<Object> out) {
        switch (p) {
            case Pattern.Literal l -> out.add(l.value());
            case Pattern.Result r -> out.add(r.inner());
            case Pattern.Typed t -> out.add(t.type());
            case Pattern.Wildcard w -> {
            }
            case Pattern.Name n -> {
            }
            case Pattern.Variant v -> {
            }
        }
    }

    private static void block(Block b, List<Object> out) {
        out.addAll(b.statements());
    }

    private static void add(List<Object> out, Object node) {
        if (node != null) {
            out.add(node);
        }
    }
}
