package dev.lumen.language.ast;

import dev.lumen.language.source.Span;
import java.util.List;

/** Statements. */
public sealed interface Stmt {

    Span span();

    /** `let [mut] name [: type] = value`; {@code type} may be null. */
    record Let(Ident name, boolean mutable, TypeExpr type, Expr value, Span span) implements Stmt {
    }

    /** `target = value` where target is a name, field access or index rooted at a mutable binding. */
    record Assign(Expr target, Expr value, Span span) implements Stmt {
    }

    /** `if c … else if c … else … end`; {@code otherwise} may be null. */
    record If(List<Branch> branches, Block otherwise, Span span) implements Stmt {
    }

    record Branch(Expr condition, Block body) {
    }

    /** `for item in list` or `for key, value in map`; {@code value} is null in the first form. */
    record For(Ident item, Ident value, Expr iterable, Block body, Span span) implements Stmt {
    }

    record Match(Expr scrutinee, List<Arm> arms, Span span) implements Stmt {
    }

    record Arm(Pattern pattern, Block body, Span span) {
    }

    /** `return [value]`; {@code value} may be null. */
    record Return(Expr value, Span span) implements Stmt {
    }

    record Halt(Expr message, Span span) implements Stmt {
    }

    record ExprStmt(Expr expr, Span span) implements Stmt {
    }

    /**
     * `@parallel` … `@end` around `let`s of tool calls that the checker proves independent; the names they bind
     * are in scope after the block, as if written without it.
     */
    record Parallel(List<Let> lets, Span span) implements Stmt {
    }
}
