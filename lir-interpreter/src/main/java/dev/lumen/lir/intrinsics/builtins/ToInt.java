package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenIntrinsics;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;
import dev.lumen.lir.values.LumenText;
import dev.lumen.lir.values.LumenType;
import dev.lumen.lir.values.LumenValues;

public final class ToInt extends IntrinsicDef {
    public ToInt() {
        super("to_int", "(value: String | Float) -> Int",
                "parses a decimal integer, or truncates a Float toward zero; runtime error if impossible",
                Typing.CONVERSION);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        if (r.type(c) == LumenType.Primitive.FLOAT) {
            r.writeLong(frame, a, truncate(r.readDouble(frame, c)));
        } else {
            r.writeLong(frame, a, toInt(r.readBoxed(frame, c)));
        }
    }

    /** A decimal integer, an optional sign and ASCII digits; or a Float truncated. */
    @TruffleBoundary
    private static long toInt(Object value) {
        if (value instanceof Double d) {
            return truncate(d);
        }
        if (!(value instanceof String s)) {
            throw new LumenFailure("to_int: cannot convert a " + LumenValues.typeName(value));
        }
        int i = s.isEmpty() || (s.charAt(0) != '-' && s.charAt(0) != '+') ? 0 : 1;
        if (i == s.length()) {
            throw new LumenFailure("to_int: " + LumenIntrinsics.quote(s) + " is not a decimal integer");
        }
        for (int j = i; j < s.length(); j++) {
            char ch = s.charAt(j);
            if (ch < '0' || ch > '9') {
                throw new LumenFailure("to_int: " + LumenIntrinsics.quote(s) + " is not a decimal integer");
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new LumenFailure("to_int: " + LumenIntrinsics.quote(s) + " does not fit in an Int");
        }
    }

    /** Truncation toward zero. */
    @TruffleBoundary
    private static long truncate(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
            throw new LumenFailure("to_int: " + LumenText.floatText(d) + " does not fit in an Int");
        }
        return (long) d;
    }
}
