package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenType;

/** For the intrinsics on an Int or a Float. */
final class Numbers {
    private Numbers() {
    }

    /**
     * Whether register {@code reg}, which holds an Int or a Float, holds a Float: its type says so, except for
     * a union register (LIR may narrow one to a number), whose value is tested.
     */
    static boolean holdsFloat(Registers r, VirtualFrame frame, int reg) {
        LumenType t = r.type(reg);
        if (t == LumenType.Primitive.FLOAT || t == LumenType.Primitive.INT) {
            return t == LumenType.Primitive.FLOAT;
        }
        return r.readBoxed(frame, reg) instanceof Double;
    }
}
