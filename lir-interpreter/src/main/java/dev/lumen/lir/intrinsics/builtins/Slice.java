package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;
import dev.lumen.lir.values.LumenList;

public final class Slice extends IntrinsicDef {
    public Slice() {
        super("slice", "(value: String | list[T], start: Int, end: Int) -> String | list[T]",
                "code points / elements from start (inclusive) to end (exclusive); runtime error unless "
                        + "0 ≤ start ≤ end ≤ length", Typing.FIRST_FROM_EXPECTED);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, slice(r.readBoxed(frame, c), r.readLong(frame, c + 1), r.readLong(frame, c + 2)));
    }

    /** Code points of a String, or elements of a list, from start (inclusive) to end (exclusive). */
    @TruffleBoundary
    private static Object slice(Object value, long start, long end) {
        if (value instanceof String s) {
            long n = s.codePointCount(0, s.length());
            checkRange(start, end, n);
            int from = s.offsetByCodePoints(0, (int) start);
            int to = s.offsetByCodePoints(from, (int) (end - start));
            return s.substring(from, to);
        }
        LumenList l = (LumenList) value;
        checkRange(start, end, l.size());
        return l.slice((int) start, (int) end);
    }

    private static void checkRange(long start, long end, long length) {
        if (start < 0 || start > end || end > length) {
            throw new LumenFailure("slice: the range " + start + ".." + end + " is not within 0.." + length
                    + " (slice needs 0 <= start <= end <= length)");
        }
    }
}
