package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenJson;

public final class CanonicalJsonText extends IntrinsicDef {
    public CanonicalJsonText() {
        super("canonical_json", "(value: T) -> String",
                "the canonical JSON text (RFC 8785, Ints written exactly) of `to_json(value)`: the text `hash` "
                        + "digests");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, LumenJson.text(r.readBoxed(frame, c)));
    }
}
