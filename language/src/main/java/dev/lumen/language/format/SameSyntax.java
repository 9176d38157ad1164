package dev.lumen.language.format;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.source.Span;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Whether two syntax trees are the same program text apart from where it stands: records compared component by
 * component, positions ({@link Span}) ignored. The trees are the parser's records, lists and values, at most as
 * deep as the nesting limit allows.
 */
final class SameSyntax {
    private SameSyntax() {
    }

    static boolean equal(Object a, Object b) {
        return equal(a, b, false);
    }

    /**
     * With {@code inTest}, inside a `test` block, what the parser derives from where and how the code is
     * written is ignored too: the test cell's name (its line), the line of its `expect_error`, and the texts of
     * strings, among which are the failure messages that quote the asserted source.
     */
    private static boolean equal(Object a, Object b, boolean inTest) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Span) {
            return true;
        }
        if (a instanceof Decl.Cell cell && cell.test() != null) {
            inTest = true;
        }
        if (inTest && (a instanceof Expr.Text || a instanceof Ident id && Decl.Test.isTestCell(id.name()))) {
            return true;
        }
        if (inTest && a instanceof Decl.ExpectError x && b instanceof Decl.ExpectError y) {
            return x.kind().equals(y.kind());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i), inTest)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Record) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (c.getType() != Span.class && !equal(value(c, a), value(c, b), inTest)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a syntax tree", e);
        }
    }
}
