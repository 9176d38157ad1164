package dev.lumen.language.check;

import dev.lumen.language.ast.Block;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.Type;
import java.util.List;

/**
 * Checks a cell body: bindings and scopes (E0016 same-scope redeclaration, E0020 assignment to an immutable
 * binding), statement types, whether the cell returns on every path (E0024), unreachable code (W0001) and
 * unused `let` bindings (W0002).
 */
final class StmtChecker {
    private final Context cx;
    private final CellInfo cell;
    private final ExprChecker ex;
    private final PatternChecker patterns;
    /**
     * Set when a match is not known to be exhaustive (it was reported, or its patterns were): where control
     * goes is then unknown, so unreachable-code and missing-return diagnostics would only add noise.
     */
    private boolean flowUncertain;

    StmtChecker(Context cx, CellInfo cell) {
        this.cx = cx;
        this.cell = cell;
        Scope top = new Scope(null);
        for (Binding p : cell.params()) {
            top.declare(p);
        }
        this.ex = new ExprChecker(cx, top, cell, null);
        this.patterns = new PatternChecker(ex);
    }

    void check() {
        Decl.Cell decl = cell.decl();
        boolean completes = statements(decl.body().statements());
        closeScope(ex.scope);
        Type ret = cell.returnType();
        if (completes && !flowUncertain && decl.returns() != null && ret != Type.NULL && !ret.isError()) {
            missingReturn(decl);
        }
    }

    private void missingReturn(Decl.Cell decl) {
        Diagnostic.Builder d = Diagnostic.error(Code.E0024, decl.returns().span(),
                        "cell `" + cell.name() + "` can reach its end without returning a value")
                .label("this cell returns `" + cell.returnType() + "`");
        List<Stmt> body = decl.body().statements();
        if (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.If last && last.otherwise() == null) {
            d.secondary(last.span(), "this `if` has no `else`, so the cell can continue past it");
        }
        Span end = closingEnd(decl);
        if (end != null) {
            d.secondary(end, "the cell can get here without a `return`");
        }
        cx.report(d.help("end every path with `return …`, or `halt(\"…\")` where there is no value to return"));
    }

    /** The cell's closing `end`, when the parser found one. */
    private static Span closingEnd(Decl.Cell decl) {
        Span cs = decl.span();
        Span bs = decl.body().span();
        boolean after = cs.endLine() > bs.endLine() || (cs.endLine() == bs.endLine() && cs.endColumn() > bs.endColumn());
        if (!after || cs.endColumn() < 4) {
            return null;
        }
        return new Span(cs.endLine(), cs.endColumn() - 3, cs.endLine(), cs.endColumn());
    }

    // ---- blocks ------------------------------------------------------------------------------

    /** Checks a block in a new scope; returns whether control can reach its end. */
    private boolean block(Block b) {
        Scope scope = new Scope(ex.scope);
        ex.scope = scope;
        try {
            return statements(b.statements());
        } finally {
            closeScope(scope);
            ex.scope = scope.parent();
        }
    }

    /** Checks statements in the current scope; returns whether control can reach the end. */
    private boolean statements(List<Stmt> statements) {
        Stmt terminator = null;
        boolean warned = false;
        for (Stmt s : statements) {
            if (terminator != null && !warned && !flowUncertain) {
                warned = true;
                cx.report(Diagnostic.warning(Code.W0001, s.span(), "unreachable code")
                        .label("unreachable statement")
                        .secondary(terminator.span(), "any code after this is unreachable")
                        .help("remove it, or move it before the " + describeExit(terminator)));
            }
            boolean completes = statement(s);
            if (!completes && terminator == null) {
                terminator = s;
            }
        }
        return terminator == null;
    }

    private static String describeExit(Stmt s) {
        return switch (s) {
            case Stmt.Return r -> "`return`";
            case Stmt.Halt h -> "`halt`";
            case Stmt.If i -> "`if` (each of its branches leaves the cell)";
            case Stmt.Match m -> "`match` (each of its arms leaves the cell)";
            default -> "statement that leaves the cell";
        };
    }

    /** W0002 for `let` bindings of this scope that are never read. */
    private void closeScope(Scope scope) {
        for (Binding b : scope.own()) {
            if (b.kind() != Binding.Kind.LET || b.isRead() || b.name().startsWith("_") || b.type().isError()) {
                continue;
            }
            cx.report(Diagnostic.warning(Code.W0002, b.ident().span(),
                            b.isAssigned() ? "variable `" + b.name() + "` is assigned but never read"
                                    : "unused variable `" + b.name() + "`")
                    .label("never read")
                    .help(underscoreHelp(b.name())));
        }
    }

    /** "prefix it with an underscore: `_x`", or `` `_in-stock` `` for a name written between backticks. */
    private static String underscoreHelp(String name) {
        String prefixed = "_" + name;
        return "if this is intentional, prefix it with an underscore: "
                + (Names.isIdentifier(prefixed) ? "`" + prefixed + "`" : "`` `" + prefixed + "` ``");
    }

    // ---- statements --------------------------------------------------------------------------

    /** Checks one statement; returns whether control can continue after it. */
    private boolean statement(Stmt s) {
        return switch (s) {
            case Stmt.Let l -> {
                let(l);
                yield true;
            }
            case Stmt.Assign a -> {
                assign(a);
                yield true;
            }
            case Stmt.If i -> ifStatement(i);
            case Stmt.For f -> {
                forStatement(f);
                yield true;
            }
            case Stmt.Match m -> match(m);
            case Stmt.Return r -> {
                returnStatement(r);
                yield false;
            }
            case Stmt.Halt h -> {
                ex.check(h.message(), Type.STRING);
                yield false;
            }
            case Stmt.ExprStmt e -> {
                expressionStatement(e);
                yield true;
            }
            case Stmt.Parallel p -> {
                p.lets().forEach(this::let);
                new ParallelChecker(cx).check(p);
                yield true;
            }
        };
    }

    private void let(Stmt.Let l) {
        Type type;
        if (l.type() != null) {
            Type declared = cx.types.resolve(l.type());
            ex.check(l.value(), declared.isError() ? null : declared,
                    new Mismatch.Reason(l.type().span(), "expected because of this type"));
            type = declared;
        } else {
            type = ex.infer(l.value());
        }
        declare(l.name(), type, Binding.Kind.LET, l.mutable(), l.value());
    }

    /** Declares a local in the current scope, reporting a same-scope redeclaration. */
    Binding declare(Ident name, Type type, Binding.Kind kind, boolean mutable, Expr initializer) {
        Binding existing = ex.scope.local(name.name());
        if (existing != null && !name.name().equals("_")) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0016, name.span(), "`" + name.name()
                            + "` is already declared in this " + (existing.kind() == Binding.Kind.PARAM ? "cell" : "block"))
                    .label("declared again here")
                    .secondary(existing.ident().span(), existing.kind() == Binding.Kind.PARAM
                            ? "`" + name.name() + "` is a parameter of this cell" : "first declared here");
            if (existing.mutable()) {
                d.help("to change its value, assign it: `" + name.name() + " = …`");
            } else {
                d.help("choose another name; Lumen does not shadow a name in the same block");
            }
            cx.report(d);
            existing.markRead();
        }
        Binding b = new Binding(name, type, kind, mutable, cell.nextSlot(), initializer);
        cell.addLocal(b);
        cx.out.declarations.put(name, b);
        if (!name.name().equals("_")) {
            ex.scope.declare(b);
        }
        return b;
    }

    private void assign(Stmt.Assign a) {
        Expr root = a.target();
        while (root instanceof Expr.Field || root instanceof Expr.Index) {
            root = root instanceof Expr.Field f ? f.target() : ((Expr.Index) root).target();
        }
        Type target;
        if (!(root instanceof Expr.Name n)) {
            ex.infer(a.target());
            cx.report(Diagnostic.error(Code.E0020, root.span(), "cannot assign to a part of a temporary value")
                    .label("not a variable")
                    .help("bind it first: `let mut value = " + SourceText.or(root, "…") + "`, then assign to "
                            + "`value`"));
            ex.inferLoose(a.value());
            return;
        }
        Binding b = ex.scope.lookup(n.name().name());
        if (b == null) {
            ex.infer(a.target());
            ex.inferLoose(a.value());
            return;
        }
        if (!b.mutable()) {
            immutable(a, n, b);
        }
        b.markAssigned();
        boolean wasRead = b.isRead();
        if (a.target() == root) {
            cx.out.names.put(n, b);
            cx.out.types.put(n, b.type());
            target = b.type();
        } else {
            target = ex.infer(a.target());
            if (!wasRead) {
                b.unmarkReadForAssignment();
            }
        }
        int effects = ex.effectfulCalls;
        ex.check(a.value(), target.isError() ? null : target);
        // Writing is not reading, and neither is a pure update of the variable itself (`retries = retries
        // + 1`, `out = append(out, x)`): its value still goes nowhere. A value passed to a call that may
        // have an effect is used.
        if (!wasRead && ex.effectfulCalls == effects) {
            b.unmarkReadForAssignment();
        }
    }

    private void immutable(Stmt.Assign a, Expr.Name n, Binding b) {
        String name = b.name();
        Diagnostic.Builder d = Diagnostic.error(Code.E0020, a.target().span(), switch (b.kind()) {
            case PARAM -> "cannot assign to parameter `" + name + "`";
            case FOR -> "cannot assign to loop variable `" + name + "`";
            case PATTERN -> "cannot assign to `" + name + "`, which is bound by a match pattern";
            default -> "cannot assign to `" + name + "`, which is not `let mut`";
        }).label("cannot assign");
        switch (b.kind()) {
            case LET -> d.secondary(b.ident().span(), "declared here without `mut`")
                    .help("declare it with `let mut " + name + "`");
            case PARAM -> d.secondary(b.ident().span(), "parameters cannot be changed")
                    .help("copy it into a mutable binding first: `let mut new_" + name + " = " + name + "`");
            default -> d.secondary(b.ident().span(), "bound here")
                    .help("copy it into a mutable binding first: `let mut new_" + name + " = " + name + "`");
        }
        cx.report(d);
    }

    private boolean ifStatement(Stmt.If s) {
        boolean completes = s.otherwise() == null;
        for (Stmt.Branch b : s.branches()) {
            ex.check(b.condition(), Type.BOOL);
            completes |= block(b.body());
        }
        if (s.otherwise() != null) {
            completes |= block(s.otherwise());
        }
        return completes;
    }

    private void forStatement(Stmt.For f) {
        Type t = ex.infer(f.iterable());
        Type item = Type.ERROR;
        Type value = Type.ERROR;
        String x = SourceText.or(f.iterable(), "…");
        if (!t.isError()) {
            if (f.value() == null && t instanceof Type.ListType l) {
                item = l.element();
            } else if (f.value() != null && t instanceof Type.ListType l) {
                item = Type.INT; // `for i, x in xs`: the position, then the element
                value = l.element();
            } else if (f.value() != null && t instanceof Type.MapType m) {
                item = Type.STRING;
                value = m.value();
            } else if (f.value() == null && t instanceof Type.MapType) {
                cx.report(Diagnostic.error(Code.E0012, f.iterable().span(), "a map is iterated with two names")
                        .label("`" + x + "` is " + Names.a(t))
                        .help("name the key and the value: `for " + f.item().name() + ", value in " + x + "`"));
            } else {
                Diagnostic.Builder d = Diagnostic.error(Code.E0012, f.iterable().span(), "cannot iterate over `" + t + "`")
                        .label("expected a list or a map, found `" + t + "`");
                if (t == Type.INT) {
                    d.help("iterate over a range: `for i in range(0, " + x + ")`");
                } else if (t == Type.STRING) {
                    d.help("iterate over its parts, e.g. `for line in split(" + x + ", \"\\n\")`");
                } else if (t instanceof Type.UnionType u && u.contains(Type.NULL)) {
                    d.help("`" + x + "` may be `null`: match on it first (`value: " + u.withoutNull()
                            + " -> …` and `null -> …`)");
                }
                cx.report(d);
            }
        }
        Scope scope = new Scope(ex.scope);
        ex.scope = scope;
        try {
            declare(f.item(), item, Binding.Kind.FOR, false, null);
            if (f.value() != null) {
                declare(f.value(), value, Binding.Kind.FOR, false, null);
            }
            block(f.body());
        } finally {
            closeScope(scope);
            ex.scope = scope.parent();
        }
    }

    private boolean match(Stmt.Match m) {
        Type t = ex.infer(m.scrutinee());
        boolean completes = false;
        for (Stmt.Arm arm : m.arms()) {
            Scope scope = new Scope(ex.scope);
            ex.scope = scope;
            try {
                patterns.bind(arm.pattern(), t, this);
                completes |= statements(arm.body().statements());
            } finally {
                closeScope(scope);
                ex.scope = scope.parent();
            }
        }
        List<Pattern> ps = m.arms().stream().map(Stmt.Arm::pattern).toList();
        if (!new Exhaustiveness(cx).check(m, t, ps)) {
            flowUncertain = true;
        }
        return completes || m.arms().isEmpty();
    }

    private void returnStatement(Stmt.Return r) {
        Decl.Cell decl = cell.decl();
        Type expected = cell.returnType();
        if (r.value() == null) {
            if (expected != Type.NULL && !expected.isError()) {
                cx.report(Diagnostic.error(Code.E0012, r.span(), "`return` needs a value in cell `" + cell.name() + "`")
                        .label("expected `" + expected + "`, found no value")
                        .secondary(decl.returns().span(), "the cell returns `" + expected + "`")
                        .help("return a value: `return …`"));
            }
            return;
        }
        if (decl.returns() == null) {
            Type t = ex.infer(r.value());
            if (!t.isError() && t != Type.NULL) {
                String params = String.join(", ", cell.params().stream().map(p -> p.name() + ": " + p.type()).toList());
                cx.report(Diagnostic.error(Code.E0012, r.value().span(), "mismatched types")
                        .label("expected `Null`, found `" + t + "`")
                        .secondary(decl.name().span(), "`" + cell.name() + "` has no return type, so it returns `Null`")
                        .help("declare the return type: `cell " + cell.name() + "(" + params + ") -> " + t + "`"));
            }
            return;
        }
        ex.check(r.value(), expected, new Mismatch.Reason(decl.returns().span(),
                "expected `" + expected + "` because of the return type"));
    }

    /**
     * The `let mut` variable a discarded call was meant to update: its first argument, when the call returns
     * a value of the variable's type (`append(out, n)`, `trim(text)`). Built-in functions never change their
     * arguments; the new value has to be assigned back.
     */
    private Binding updatedVariable(Expr.Call c, Type result) {
        if (c.args().isEmpty() || !(c.args().get(0).value() instanceof Expr.Name n)) {
            return null;
        }
        Binding b = cx.out.names.get(n);
        return b != null && b.mutable() && Type.assignable(result, b.type()) ? b : null;
    }

    private void expressionStatement(Stmt.ExprStmt s) {
        Expr e = s.expr();
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Name n
                && (n.name().name().equals("ok") || n.name().name().equals("err"))) {
            Type ret = cell.returnType();
            if (ExprChecker.shape(ret, Type.ResultType.class) != null) {
                ex.check(e, ret);
            } else {
                c.args().forEach(a -> ex.inferLoose(a.value()));
            }
            cx.report(Diagnostic.error(Code.E0031, e.span(), "expression statement has no effect")
                    .label("this result is built and discarded")
                    .help("return it: `return " + SourceText.or(e, "…") + "`"));
            return;
        }
        Type t = ex.infer(e);
        if (e instanceof Expr.Call c) {
            CallTarget target = cx.out.calls.get(c);
            if (target == null) {
                // An unknown callee (perhaps a misspelt `halt`) may have been meant to leave the cell.
                flowUncertain = true;
            }
            if (target instanceof CallTarget.Intrinsic in && in.intrinsic().pure() && !t.isError()) {
                Binding updated = updatedVariable(c, t);
                cx.report(Diagnostic.error(Code.E0031, e.span(), "the result of `" + in.intrinsic().name()
                                + "(…)` is unused")
                        .label("this call has no effect")
                        .help(updated != null
                                ? "assign it back: `" + updated.name() + " = " + SourceText.or(e, "…") + "`"
                                : "bind it: `let result = " + SourceText.or(e, "…") + "`"));
            }
            return;
        }
        if (e instanceof Expr.Error) {
            return;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0031, e.span(), "expression statement has no effect")
                .label("this value is computed and discarded");
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.EQ) {
            d.help("to assign, use `=`: `" + SourceText.or(b.left(), "…") + " = " + SourceText.or(b.right(), "…") + "`");
        } else {
            d.help("use the value, e.g. `let value = " + SourceText.or(e, "…") + "`, or remove the line");
        }
        cx.report(d);
    }
}
