package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenMap;

public final class Values extends IntrinsicDef {
    public Values() {
        super("values", "(map: map[String, T]) -> list[T]", "the values in the order of their keys");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, ((LumenMap) r.readBoxed(frame, c)).values());
    }
}
