package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenType;

public final class ToJson extends IntrinsicDef {
    public ToJson() {
        super("to_json", "(value: T) -> Json",
                "the value as JSON (records and maps as objects, lists as arrays, enum values as variant names)");
    }

    /** A Json value is its own JSON. */
    @Override
    public boolean mayReturn(int index) {
        return index == 0;
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        Object v = r.readBoxed(frame, c);
        r.writeBoxed(frame, a, r.type(c) == LumenType.Primitive.JSON ? LumenContainer.share(v) : LumenJson.toTree(v));
    }
}
