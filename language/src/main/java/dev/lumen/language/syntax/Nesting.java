package dev.lumen.language.syntax;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.Span;
import dev.lumen.lir.format.LirType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The nesting limit (lumen-v1.md §4.7): how deep one declaration's syntax tree may be. Every later pass
 * (resolver, checker, lowering, the LIR reader and verifier, the interpreter) walks that tree or the types and
 * values it writes by recursion, so bounding it here is what keeps them all within a thread's stack.
 *
 * <p>One instance follows the parse of one code block: the depth of the construct being parsed, which bounds
 * the parser's own recursion, and the parentheses around each expression (the tree keeps no node for them, but
 * they count as a level). {@link SyntaxDepth} measures the finished declaration, chains of operators and
 * postfix operations included, which the parser builds by iteration.
 */
public final class Nesting {
    /**
     * The deepest level a construct may sit at; a declaration's own parts are at level 1. It is LIR's limit on
     * type nesting too, so every type the checker accepts (it bounds them by the same number) can be written.
     */
    public static final int LIMIT = LirType.MAX_NESTING;

    /** Thrown once the limit is crossed, after reporting it: the declaration is dropped whole. */
    static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    private final Diagnostics diagnostics;
    private final Map<Expr, Integer> parens = new IdentityHashMap<>();
    private int depth;

    Nesting(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Enters one level for the construct starting at {@code at}; reports and unwinds when that crosses the limit. */
    void enter(Token at) {
        if (++depth > LIMIT) {
            depth = 0;
            throw tooDeep(at.span());
        }
    }

    void exit() {
        depth = Math.max(0, depth - 1);
    }

    /** Starts a new declaration at level 0. */
    void reset() {
        depth = 0;
        parens.clear();
    }

    /** Records one more pair of parentheses around {@code e}. */
    void parenthesised(Expr e) {
        parens.merge(e, 1, Integer::sum);
    }

    /** The pairs of parentheses written directly around {@code e}. */
    int parensAround(Expr e) {
        return parens.getOrDefault(e, 0);
    }

    /** Reports the limit crossed at {@code at} and returns the error that drops the declaration. */
    TooDeep tooDeep(Span at) {
        diagnostics.add(diagnostic(at));
        return new TooDeep();
    }

    /** The diagnostic for the limit crossed at {@code at}, pointing at its first character. */
    public static Diagnostic.Builder diagnostic(Span at) {
        return Diagnostic.error(Code.E0051, Span.of(at.line(), at.column(), at.column() + 1),
                        "code is nested more than " + LIMIT + " levels deep")
                .label("level " + (LIMIT + 1) + " starts here")
                .note("every block, operand, argument, element, index, field access, parenthesis, string "
                        + "interpolation and type argument is one level, and so is each link of a chain such as "
                        + "`a + b + c` or `x.a.b`")
                .help("name part of the expression with `let`, or move it into a cell of its own");
    }

    /** The diagnostic for an expression whose type nests deeper than the limit. */
    public static Diagnostic.Builder typeDiagnostic(Span expression) {
        return Diagnostic.error(Code.E0051, expression, "the type of this expression is nested more than " + LIMIT
                        + " levels deep")
                .label("its type has more than " + LIMIT + " levels")
                .note("each `list[…]`, `map[…]`, `result[…]` and union around a type is one more level")
                .help("keep the data flatter, for example a list of records instead of lists inside lists");
    }
}
