package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;

public final class Join extends IntrinsicDef {
    public Join() {
        super("join", "(parts: list[String], separator: String) -> String", "the parts joined with the separator");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, join((LumenList) r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1)));
    }

    @TruffleBoundary
    private static String join(LumenList parts, String separator) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append((String) parts.get(i));
        }
        return b.toString();
    }
}
