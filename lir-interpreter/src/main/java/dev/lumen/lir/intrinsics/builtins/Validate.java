package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

/** {@code validate}: the front end lowers it to the VALIDATE instruction, so it has no LIR id. */
public final class Validate extends IntrinsicDef {
    public Validate() {
        super("validate", "(schema T, value: String | Json) -> result[T, ValidationError]", "soft validation (§10)");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        throw CompilerDirectives.shouldNotReachHere("validate is the VALIDATE instruction");
    }
}
