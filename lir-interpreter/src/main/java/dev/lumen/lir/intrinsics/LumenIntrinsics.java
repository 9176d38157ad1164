package dev.lumen.lir.intrinsics;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenValues;
import dev.lumen.runtime.json.CanonicalJson;

/**
 * What the bytecode loop's operators and the intrinsics' implementations share: static {@link TruffleBoundary}
 * helpers for membership, concatenation and operators on union-typed registers, the text of runtime errors, and
 * {@link #unlikely} for the branches that raise them. Each intrinsic's own implementation is in its class
 * ({@code dev.lumen.lir.intrinsics.builtins}). Failures are {@link LumenFailure}s; the loop locates them.
 */
public final class LumenIntrinsics {
    private LumenIntrinsics() {
    }

    /**
     * The condition of a runtime error the program can raise (an index out of range, a zero divisor, an
     * overflow), as a rare branch whose error is thrown from compiled code, not after a transferToInterpreter.
     * A deoptimizing branch becomes a guard, which the compiler may schedule after the operation's own
     * implicit check in the same block (the array bound of the list's items): that check deoptimizes and
     * invalidates the code, so a cell raising the error on every call (a `where` constraint indexing an empty
     * list, checked against each reply) was recompiled on every call, until Truffle reported a deopt cycle.
     */
    public static boolean unlikely(boolean condition) {
        return CompilerDirectives.injectBranchProbability(CompilerDirectives.SLOWPATH_PROBABILITY, condition);
    }

    // ---- membership ----

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
    public static String concat(String a, String b) {
        return a.concat(b);
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
