package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenPatches;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenType;

public final class Patch extends IntrinsicDef {
    public Patch() {
        super("patch", "(value: T, patches: list[Patch]) -> T",
                "the value with the patches applied; runtime error if they do not apply or the result is not a T "
                        + "(§11.1)", Typing.FIRST_FROM_EXPECTED);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, patch(r, r.type(c), r.readBoxed(frame, c), (LumenList) r.readBoxed(frame, c + 1)));
    }

    /** The patched JSON read back as a value of the patched value's type (a runtime error if it is not one). */
    @TruffleBoundary
    private static Object patch(Registers r, LumenType type, Object value, LumenList patches) {
        return r.fromJson(LumenPatches.apply(value, patches), type, "patch: the patched value is not a valid " + type);
    }
}
