package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenIntrinsics;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;
import dev.lumen.lir.values.LumenType;
import dev.lumen.lir.values.LumenValues;

public final class ToFloat extends IntrinsicDef {
    public ToFloat() {
        super("to_float", "(value: Int | String) -> Float",
                "the nearest Float, or parses a decimal number; runtime error if impossible", Typing.CONVERSION);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        if (r.type(c) == LumenType.Primitive.INT) {
            r.writeDouble(frame, a, r.readLong(frame, c));
        } else {
            r.writeDouble(frame, a, toFloat(r.readBoxed(frame, c)));
        }
    }

    /** An Int's nearest Float, or a decimal number ({@code 12}, {@code -1.5}, {@code 2.5e-3}, {@code .5}). */
    @TruffleBoundary
    private static double toFloat(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (!(value instanceof String s)) {
            throw new LumenFailure("to_float: cannot convert a " + LumenValues.typeName(value));
        }
        if (!isDecimal(s)) {
            throw new LumenFailure("to_float: " + LumenIntrinsics.quote(s) + " is not a decimal number");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new LumenFailure("to_float: " + LumenIntrinsics.quote(s) + " is too large for a Float");
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
}
