package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenText;
import dev.lumen.lir.values.LumenType;

public final class ToString extends IntrinsicDef {
    public ToString() {
        super("to_string", "(value: T) -> String",
                "a String unchanged; Int, Float, Bool, Null as their canonical text (§7.8); an enum value as its "
                        + "variant's name; other values as the canonical JSON text of `to_json(value)`");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        LumenType t = r.type(c);
        if (t == LumenType.Primitive.INT) {
            r.writeBoxed(frame, a, LumenText.intText(r.readLong(frame, c)));
        } else if (t == LumenType.Primitive.FLOAT) {
            r.writeBoxed(frame, a, LumenText.floatText(r.readDouble(frame, c)));
        } else if (t == LumenType.Primitive.JSON) {
            r.writeBoxed(frame, a, LumenJson.text(r.readBoxed(frame, c)));
        } else if (t == LumenType.Primitive.STRING) {
            r.writeBoxed(frame, a, r.readBoxed(frame, c));
        } else {
            r.writeBoxed(frame, a, LumenText.text(r.readBoxed(frame, c)));
        }
    }
}
