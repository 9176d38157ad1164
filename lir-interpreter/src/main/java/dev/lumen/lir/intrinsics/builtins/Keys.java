package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenMap;

public final class Keys extends IntrinsicDef {
    public Keys() {
        super("keys", "(map: map[String, T]) -> list[String]", "the keys in ascending order");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, ((LumenMap) r.readBoxed(frame, c)).keys());
    }
}
