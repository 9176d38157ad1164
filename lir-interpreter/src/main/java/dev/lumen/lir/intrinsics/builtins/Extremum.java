package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

/** {@code min} and {@code max}: two Ints or two Floats, as the first argument's register says. */
abstract class Extremum extends IntrinsicDef {
    private final boolean smaller;

    Extremum(String name, String doc, boolean smaller) {
        super(name, "(a: Int | Float, b: Int | Float) -> Int | Float", doc);
        this.smaller = smaller;
    }

    @Override
    public final void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        if (Numbers.holdsFloat(r, frame, c)) {
            double x = r.readDouble(frame, c);
            double y = r.readDouble(frame, c + 1);
            r.writeDouble(frame, a, smaller ? Math.min(x, y) : Math.max(x, y));
        } else {
            long x = r.readLong(frame, c);
            long y = r.readLong(frame, c + 1);
            r.writeLong(frame, a, smaller ? Math.min(x, y) : Math.max(x, y));
        }
    }
}
