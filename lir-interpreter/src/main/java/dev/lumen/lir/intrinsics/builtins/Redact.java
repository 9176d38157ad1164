package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenRedaction;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;
import dev.lumen.lir.values.LumenList;

public final class Redact extends IntrinsicDef {
    public Redact() {
        super("redact", "(value: T, fields: list[String]) -> T", "the value with the named fields redacted (§11.2)",
                Typing.FIRST_FROM_EXPECTED);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, LumenRedaction.redact(r.readBoxed(frame, c), (LumenList) r.readBoxed(frame, c + 1), r.type(c)));
    }
}
