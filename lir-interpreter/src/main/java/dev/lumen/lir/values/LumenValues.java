package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/** Structural equality, ordering and naming of Lumen values (boxed: Long, Double, Boolean, String, Lumen objects). */
public final class LumenValues {
    private LumenValues() {
    }

    /**
     * Structural equality (§7.6): numbers by value (so a Json 1 equals a Json 1.0), strings by code points,
     * lists element-wise, maps by entries, records field by field (same type), enum values by variant,
     * results by case and payload, bytes by content. Float comparison is IEEE: NaN equals nothing.
     */
    @TruffleBoundary
    public static boolean equal(Object a, Object b) {
        return eq(a, b, 0);
    }

    private static boolean eq(Object a, Object b, int depth) {
        if (a == b) {
            return !(a instanceof Double d && d.isNaN());
        }
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return b instanceof Double z && (double) x == z;
        }
        if (a instanceof Double x) {
            if (b instanceof Double y) {
                return x.doubleValue() == y.doubleValue();
            }
            return b instanceof Long z && x == (double) z;
        }
        if (a instanceof String s) {
            return s.equals(b);
        }
        if (a instanceof Boolean x) {
            return x.equals(b);
        }
        if (depth > 10_000) {
            throw new dev.lumen.lir.errors.LumenFailure("values nested too deeply to compare");
        }
        if (a instanceof LumenList x) {
            if (!(b instanceof LumenList y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof LumenMap x) {
            if (!(b instanceof LumenMap y) || x.size() != y.size()) {
                return false;
            }
            for (String k : x.sortedKeys()) {
                Object other = y.get(k);
                if (other == null || !eq(x.get(k), other, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof LumenRecord x) {
            if (!(b instanceof LumenRecord y) || x.type() != y.type()) {
                return false;
            }
            for (int i = 0; i < x.fieldCount(); i++) {
                if (!eq(x.get(i), y.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof LumenResult x) {
            return b instanceof LumenResult y && x.isOk() == y.isOk() && eq(x.value(), y.value(), depth + 1);
        }
        if (a instanceof LumenBytes x) {
            return b instanceof LumenBytes y && x.contentEquals(y);
        }
        return false; // enum values and null are singletons: equal only when identical
    }

    /**
     * Strings compared by UTF-16 code units (lumen-v1 §7.4), the order canonical JSON sorts map keys in, so
     * `keys(m)`, `for k, v in m` and the printed map agree.
     */
    @TruffleBoundary
    public static int compareStrings(String a, String b) {
        return a.compareTo(b);
    }

    /** Whether {@code value} is a JSON tree: null, Bool, Int, Float, String, or lists and maps of trees. */
    @TruffleBoundary
    public static boolean isJsonTree(Object value) {
        return value == LumenNull.INSTANCE || value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof String || value instanceof LumenList
                || value instanceof LumenMap;
    }

    /** The Lumen type of a value as a user would name it, for messages. */
    @TruffleBoundary
    public static String typeName(Object value) {
        if (value instanceof Long) {
            return "Int";
        } else if (value instanceof Double) {
            return "Float";
        } else if (value instanceof Boolean) {
            return "Bool";
        } else if (value instanceof String) {
            return "String";
        } else if (value == LumenNull.INSTANCE) {
            return "Null";
        } else if (value instanceof LumenList) {
            return "list";
        } else if (value instanceof LumenMap) {
            return "map";
        } else if (value instanceof LumenRecord r) {
            return r.type().name();
        } else if (value instanceof LumenEnumValue e) {
            return e.type().name();
        } else if (value instanceof LumenResult) {
            return "result";
        } else if (value instanceof LumenBytes) {
            return "Bytes";
        }
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }
}
