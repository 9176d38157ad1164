package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenJson;

public final class Hash extends IntrinsicDef {
    public Hash() {
        super("hash", "(value: T) -> String",
                "`\"sha256:\"` and 64 lowercase hex digits: the SHA-256 of the UTF-8 canonical JSON (RFC 8785, Ints "
                        + "written exactly) of `to_json(value)`");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, LumenJson.hash(r.readBoxed(frame, c)));
    }
}
