package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenPatches;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;

public final class Diff extends IntrinsicDef {
    public Diff() {
        super("diff", "(before: T, after: T) -> list[Patch]",
                "the patches that turn the first value into the second (§11.1)");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, diff(r, r.readBoxed(frame, c), r.readBoxed(frame, c + 1)));
    }

    /** The patches are records of the built-in type Patch. */
    @TruffleBoundary
    private static LumenList diff(Registers r, Object before, Object after) {
        return LumenPatches.diff(before, after, r.builtinRecord("Patch"));
    }
}
