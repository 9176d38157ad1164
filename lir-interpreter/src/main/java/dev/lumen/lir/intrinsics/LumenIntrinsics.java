package dev.lumen.lir.intrinsics;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.values.LumenBytes;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenText;
import dev.lumen.lir.values.LumenValues;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Locale;

/**
 * The pure intrinsics of spec §11, as static {@link TruffleBoundary} methods the bytecode loop calls with
 * unboxed or boxed arguments. Each allocates nothing beyond its result (and, for {@code matches}, a pattern
 * compiled once per thread). Failures are {@link LumenFailure}s; the loop locates them.
 *
 * <p>Strings are {@code java.lang.String}; lengths, positions and slices count code points, not UTF-16
 * units (spec §11: "code points of a String").
 */
public final class LumenIntrinsics {
    private LumenIntrinsics() {
    }

    // ---- length, count, contains ----

    @TruffleBoundary
    public static long length(String s) {
        return s.codePointCount(0, s.length());
    }

    @TruffleBoundary
    public static long lengthOf(Object value) {
        if (value instanceof String s) {
            return s.codePointCount(0, s.length());
        } else if (value instanceof LumenList l) {
            return l.size();
        } else if (value instanceof LumenMap m) {
            return m.size();
        } else if (value instanceof LumenBytes b) {
            return b.length();
        }
        throw new LumenFailure("length: no length for a value of type " + LumenValues.typeName(value));
    }

    /** Non-overlapping occurrences of {@code part}; for an empty part, the code points plus one. */
    @TruffleBoundary
    public static long count(String text, String part) {
        if (part.isEmpty()) {
            return text.codePointCount(0, text.length()) + 1;
        }
        long n = 0;
        int from = 0;
        while ((from = text.indexOf(part, from)) >= 0) {
            n++;
            from += part.length();
        }
        return n;
    }

    @TruffleBoundary
    public static long count(LumenList list, Object item) {
        long n = 0;
        for (int i = 0; i < list.size(); i++) {
            if (LumenValues.equal(list.get(i), item)) {
                n++;
            }
        }
        return n;
    }

    @TruffleBoundary
    public static boolean contains(LumenList list, Object item) {
        for (int i = 0; i < list.size(); i++) {
            if (LumenValues.equal(list.get(i), item)) {
                return true;
            }
        }
        return false;
    }

    @TruffleBoundary
    public static boolean contains(String text, String part) {
        return text.contains(part);
    }

    /** {@code x in container} when the container's static type is a union. */
    @TruffleBoundary
    public static boolean in(Object x, Object container) {
        if (container instanceof LumenList l) {
            return contains(l, x);
        } else if (container instanceof LumenMap m) {
            return x instanceof String k && m.containsKey(k);
        } else if (container instanceof String s) {
            return x instanceof String t && s.contains(t);
        }
        throw new LumenFailure("in: cannot look for a value in a " + LumenValues.typeName(container));
    }

    // ---- text ----

    @TruffleBoundary
    public static boolean matches(String text, String regex) {
        return RegexCache.find(text, regex);
    }

    @TruffleBoundary
    public static String concat(String a, String b) {
        return a.concat(b);
    }

    @TruffleBoundary
    public static String join(LumenList parts, String separator) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append((String) parts.get(i));
        }
        return b.toString();
    }

    /**
     * The text split at every occurrence of the separator (literal text). An empty separator splits into
     * code points; an empty text gives one empty part.
     */
    @TruffleBoundary
    public static LumenList split(String text, String separator) {
        ArrayList<Object> parts = new ArrayList<>();
        if (separator.isEmpty()) {
            if (text.isEmpty()) {
                parts.add("");
            }
            text.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return LumenList.wrap(parts.toArray());
        }
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return LumenList.wrap(parts.toArray());
    }

    /** Without leading and trailing white space ({@link Character#isWhitespace}). */
    @TruffleBoundary
    public static String trim(String s) {
        return s.strip();
    }

    @TruffleBoundary
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @TruffleBoundary
    public static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    @TruffleBoundary
    public static boolean startsWith(String s, String prefix) {
        return s.startsWith(prefix);
    }

    @TruffleBoundary
    public static boolean endsWith(String s, String suffix) {
        return s.endsWith(suffix);
    }

    /** Every occurrence of {@code target} (literal) replaced; an empty target is inserted around every code point. */
    @TruffleBoundary
    public static String replace(String s, String target, String replacement) {
        if (!target.isEmpty()) {
            return s.replace(target, replacement);
        }
        StringBuilder b = new StringBuilder(s.length() * (1 + replacement.length()) + replacement.length());
        b.append(replacement);
        s.codePoints().forEach(cp -> b.appendCodePoint(cp).append(replacement));
        return b.toString();
    }

    /** {@code slice}: code points of a String, or elements of a list, from start (inclusive) to end (exclusive). */
    @TruffleBoundary
    public static Object slice(Object value, long start, long end) {
        if (value instanceof String s) {
            long n = s.codePointCount(0, s.length());
            checkSlice(start, end, n);
            int from = s.offsetByCodePoints(0, (int) start);
            int to = s.offsetByCodePoints(from, (int) (end - start));
            return s.substring(from, to);
        }
        LumenList l = (LumenList) value;
        checkSlice(start, end, l.size());
        return l.slice((int) start, (int) end);
    }

    private static void checkSlice(long start, long end, long length) {
        if (start < 0 || start > end || end > length) {
            throw new LumenFailure("slice: the range " + start + ".." + end + " is not within 0.." + length
                    + " (slice needs 0 <= start <= end <= length)");
        }
    }

    // ---- conversions ----

    /** {@code to_int(String)}: a decimal integer, an optional sign and ASCII digits. */
    @TruffleBoundary
    public static long toInt(Object value) {
        if (value instanceof Double d) {
            return toInt(d.doubleValue());
        }
        if (!(value instanceof String s)) {
            throw new LumenFailure("to_int: cannot convert a " + LumenValues.typeName(value));
        }
        int i = s.isEmpty() || (s.charAt(0) != '-' && s.charAt(0) != '+') ? 0 : 1;
        if (i == s.length()) {
            throw new LumenFailure("to_int: " + quote(s) + " is not a decimal integer");
        }
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                throw new LumenFailure("to_int: " + quote(s) + " is not a decimal integer");
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new LumenFailure("to_int: " + quote(s) + " does not fit in an Int");
        }
    }

    /** {@code to_int(Float)}: truncation toward zero. */
    @TruffleBoundary
    public static long toInt(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
            throw new LumenFailure("to_int: " + LumenText.floatText(d) + " does not fit in an Int");
        }
        return (long) d;
    }

    /** {@code to_float(String)}: a decimal number ({@code 12}, {@code -1.5}, {@code 2.5e-3}, {@code .5}). */
    @TruffleBoundary
    public static double toFloat(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (!(value instanceof String s)) {
            throw new LumenFailure("to_float: cannot convert a " + LumenValues.typeName(value));
        }
        if (!isDecimal(s)) {
            throw new LumenFailure("to_float: " + quote(s) + " is not a decimal number");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new LumenFailure("to_float: " + quote(s) + " is too large for a Float");
        }
        return d;
    }

    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- collections ----

    /** {@code range(start, end)}: {@code [start, ..., end-1]}, empty when end <= start. */
    @TruffleBoundary
    public static LumenList range(long start, long end) {
        if (end <= start) {
            return LumenList.empty();
        }
        long n = end - start;
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new LumenFailure("range: " + start + ".." + end + " has too many elements for a list");
        }
        Object[] items = new Object[(int) n];
        for (int i = 0; i < items.length; i++) {
            items[i] = start + i;
        }
        return LumenList.wrap(items);
    }

    // ---- operators on union-typed registers (rare: the front end types operands exactly) ----

    /** ADD..MOD ({@code op} 0..4) on boxed values. */
    @TruffleBoundary
    public static Object arithmetic(int op, Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            try {
                return switch (op) {
                    case 0 -> Math.addExact(a, b);
                    case 1 -> Math.subtractExact(a, b);
                    case 2 -> Math.multiplyExact(a, b);
                    case 3 -> {
                        if (b == 0) {
                            throw new LumenFailure(byZeroMessage(a, false));
                        }
                        if (a == Long.MIN_VALUE && b == -1) {
                            throw new LumenFailure(overflowMessage(a, "/", b));
                        }
                        yield a / b;
                    }
                    default -> {
                        if (b == 0) {
                            throw new LumenFailure(byZeroMessage(a, true));
                        }
                        yield a % b;
                    }
                };
            } catch (ArithmeticException e) {
                throw new LumenFailure(overflowMessage(a, op == 0 ? "+" : op == 1 ? "-" : "*", b));
            }
        }
        if (x instanceof Double a && y instanceof Double b) {
            return switch (op) {
                case 0 -> a + b;
                case 1 -> a - b;
                case 2 -> a * b;
                case 3 -> a / b;
                default -> a % b;
            };
        }
        if (op == 0 && x instanceof String a && y instanceof String b) {
            return a.concat(b);
        }
        if (op == 0 && x instanceof LumenList a && y instanceof LumenList b) {
            return a.concat(b);
        }
        throw new LumenFailure("internal error: no arithmetic on " + LumenValues.typeName(x) + " and " + LumenValues.typeName(y));
    }

    @TruffleBoundary
    public static boolean compareBoxed(boolean lessThan, Object x, Object y) {
        int cmp;
        if (x instanceof Long a && y instanceof Long b) {
            cmp = Long.compare(a, b);
        } else if (x instanceof Double a && y instanceof Double b) {
            return lessThan ? a < b : a <= b;
        } else if (x instanceof String a && y instanceof String b) {
            cmp = LumenValues.compareStrings(a, b);
        } else {
            throw new LumenFailure("internal error: cannot order " + LumenValues.typeName(x) + " and " + LumenValues.typeName(y));
        }
        return lessThan ? cmp < 0 : cmp <= 0;
    }

    // ---- messages ----

    @TruffleBoundary
    public static String indexMessage(long index, int length) {
        return "index " + index + " is out of range for a list of length " + length;
    }

    @TruffleBoundary
    public static String keyMessage(String key) {
        return "key " + quote(key) + " is not in the map";
    }

    @TruffleBoundary
    public static String overflowMessage(long x, String op, long y) {
        return "integer overflow: " + x + " " + op + " " + (y < 0 ? "(" + y + ")" : y) + " does not fit in an Int";
    }

    /** The overflow of a unary operation written {@code op(x)}: {@code -} or {@code abs}. */
    @TruffleBoundary
    public static String overflowMessage(String op, long x) {
        return "integer overflow: " + op + "(" + x + ") does not fit in an Int";
    }

    /** {@code x / 0}, or {@code x % 0} for a remainder. */
    @TruffleBoundary
    public static String byZeroMessage(long x, boolean remainder) {
        return remainder ? "remainder by zero: " + x + " % 0" : "division by zero: " + x + " / 0";
    }

    /** A string as a JSON literal for messages, shortened past 60 code points. */
    @TruffleBoundary
    public static String quote(String s) {
        String shown = s.codePointCount(0, s.length()) > 60 ? s.substring(0, s.offsetByCodePoints(0, 57)) + "…" : s;
        try {
            return CanonicalJson.quote(shown);
        } catch (IllegalArgumentException e) {
            return "\"" + shown.replaceAll("\\p{Cs}", "\uFFFD") + "\"";
        }
    }

    /** Marks a value shared (for helpers outside the values package). */
    static Object share(Object v) {
        return LumenContainer.share(v);
    }
}
