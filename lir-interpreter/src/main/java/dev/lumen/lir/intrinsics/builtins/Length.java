package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenBytes;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenType;
import dev.lumen.lir.values.LumenValues;

/** {@code length}; the front end lowers it to the LEN instruction, which computes it here too. */
public final class Length extends IntrinsicDef {
    public Length() {
        super("length", "(value: String | Bytes | list[T] | map[String, T]) -> Int",
                "code points of a String, octets of Bytes, elements of a list, entries of a map");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeLong(frame, a, of(r, frame, c));
    }

    /** The length of what register {@code reg} holds, by its static type where that tells. */
    public static long of(Registers r, VirtualFrame frame, int reg) {
        LumenType t = r.type(reg);
        if (t == LumenType.Primitive.STRING) {
            return codePoints((String) r.readBoxed(frame, reg));
        } else if (t instanceof LumenType.ListType) {
            return ((LumenList) r.readBoxed(frame, reg)).size();
        } else if (t instanceof LumenType.MapType) {
            return ((LumenMap) r.readBoxed(frame, reg)).size();
        }
        return lengthOf(r.readBoxed(frame, reg));
    }

    @TruffleBoundary
    private static long codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    @TruffleBoundary
    private static long lengthOf(Object value) {
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
}
