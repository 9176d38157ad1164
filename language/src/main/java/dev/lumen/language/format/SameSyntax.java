package dev.lumen.language.format;

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
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Span) {
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Record) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (c.getType() != Span.class && !equal(value(c, a), value(c, b))) {
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
