package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;

public final class Range extends IntrinsicDef {
    public Range() {
        super("range", "(start: Int, end: Int) -> list[Int]", "`[start, start+1, …, end-1]`; empty when end ≤ start");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, range(r.readLong(frame, c), r.readLong(frame, c + 1)));
    }

    @TruffleBoundary
    private static LumenList range(long start, long end) {
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
}
