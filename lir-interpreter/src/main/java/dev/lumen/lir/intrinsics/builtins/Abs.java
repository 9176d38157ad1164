package dev.lumen.lir.intrinsics.builtins;

import static dev.lumen.lir.intrinsics.LumenIntrinsics.unlikely;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenIntrinsics;
import dev.lumen.lir.intrinsics.Registers;

public final class Abs extends IntrinsicDef {
    public Abs() {
        super("abs", "(value: Int | Float) -> Int | Float", "absolute value (runtime error for the least Int)");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        if (Numbers.holdsFloat(r, frame, c)) {
            r.writeDouble(frame, a, Math.abs(r.readDouble(frame, c)));
            return;
        }
        long x = r.readLong(frame, c);
        if (unlikely(x == Long.MIN_VALUE)) {
            throw r.error(pc, LumenIntrinsics.overflowMessage("abs", x));
        }
        r.writeLong(frame, a, x < 0 ? -x : x);
    }
}
