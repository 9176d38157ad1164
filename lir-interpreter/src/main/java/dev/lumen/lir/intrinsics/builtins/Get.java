package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenMap;

public final class Get extends IntrinsicDef {
    public Get() {
        super("get", "(map: map[String, T], key: String, default: T) -> T", "the value at the key, or the default");
    }

    @Override
    public boolean mayReturn(int index) {
        return index == 2;
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        Object v = ((LumenMap) r.readBoxed(frame, c)).get((String) r.readBoxed(frame, c + 1));
        r.writeBoxed(frame, a, v != null ? v : LumenContainer.share(r.readBoxed(frame, c + 2)));
    }
}
