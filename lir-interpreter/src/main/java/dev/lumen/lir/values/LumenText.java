package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.lumen.runtime.json.CanonicalJson;

/**
 * Text of values: the canonical text of §7.8 (interpolation, {@code to_string}), and a readable display form
 * for debuggers and hosts ({@code toDisplayString}).
 *
 * <p>Canonical text: a String as is; an Int in decimal; a Float as ECMAScript's
 * {@code Number.prototype.toString} writes it (shortest round-trip digits, {@code 2.0} reads {@code 2},
 * {@code 1e+21}, {@code -0.0} reads {@code 0}; the JSON number of RFC 8785), with {@code NaN},
 * {@code Infinity} and {@code -Infinity} for the values JSON cannot carry; {@code true}/{@code false};
 * {@code null}. Every other value: its canonical JSON text ({@link LumenJson#text}).
 */
public final class LumenText {
    private LumenText() {
    }

    /** The canonical text of a value (what {@code to_string} returns). */
    @TruffleBoundary
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        } else if (value instanceof Long l) {
            return Long.toString(l);
        } else if (value instanceof Double d) {
            return floatText(d);
        } else if (value instanceof Boolean b) {
            return b ? "true" : "false";
        } else if (value == LumenNull.INSTANCE) {
            return "null";
        } else if (value instanceof LumenEnumValue e) {
            return e.name();
        }
        return LumenJson.text(value);
    }

    @TruffleBoundary
    public static String intText(long value) {
        return Long.toString(value);
    }

    /** A Float's canonical text. */
    @TruffleBoundary
    public static String floatText(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return CanonicalJson.number(value);
    }

    /** The concatenation of the canonical texts of {@code parts} (CONCAT). */
    @TruffleBoundary
    public static String concat(Object[] parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                b.append(s);
            } else if (p instanceof Long l) {
                b.append(l.longValue());
            } else {
                b.append(text(p));
            }
        }
        return b.toString();
    }

    /** A readable rendering: {@code Invoice {id: "A-1", total: 12.5}}, {@code [1, 2]}, {@code ok(3)}, {@code Status.Paid}. */
    @TruffleBoundary
    public static String toDisplay(Object value) {
        StringBuilder b = new StringBuilder();
        display(value, b, 0);
        return b.toString();
    }

    private static void display(Object value, StringBuilder b, int depth) {
        if (depth > 100) {
            b.append("…");
        } else if (value instanceof String s) {
            b.append(quoteLenient(s));
        } else if (value instanceof Double d) {
            b.append(floatText(d));
        } else if (value instanceof LumenList l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i > 0 ? ", " : "");
                display(l.get(i), b, depth + 1);
            }
            b.append(']');
        } else if (value instanceof LumenMap m) {
            b.append('{');
            String[] keys = m.sortedKeys();
            for (int i = 0; i < keys.length; i++) {
                b.append(i > 0 ? ", " : "").append(CanonicalJson.quote(keys[i])).append(": ");
                display(m.get(keys[i]), b, depth + 1);
            }
            b.append('}');
        } else if (value instanceof LumenRecord r) {
            b.append(r.type().name()).append(" {");
            for (int i = 0; i < r.fieldCount(); i++) {
                b.append(i > 0 ? ", " : "").append(r.type().fieldName(i)).append(": ");
                display(r.get(i), b, depth + 1);
            }
            b.append('}');
        } else if (value instanceof LumenResult r) {
            b.append(r.isOk() ? "ok(" : "err(");
            display(r.value(), b, depth + 1);
            b.append(')');
        } else if (value instanceof LumenEnumValue e) {
            b.append(e.type().name()).append('.').append(e.name());
        } else if (value == null) {
            b.append("<uninitialized>");
        } else {
            b.append(text(value));
        }
    }

    /** A JSON string literal, tolerating lone surrogates (shown as U+FFFD) since this is display only. */
    private static String quoteLenient(String s) {
        try {
            return CanonicalJson.quote(s);
        } catch (IllegalArgumentException e) {
            StringBuilder clean = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    clean.append(c).append(s.charAt(++i));
                } else {
                    clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                }
            }
            return CanonicalJson.quote(clean.toString());
        }
    }
}
