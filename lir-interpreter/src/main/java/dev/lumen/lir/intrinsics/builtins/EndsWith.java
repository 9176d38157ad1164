package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

public final class EndsWith extends IntrinsicDef {
    public EndsWith() {
        super("ends_with", "(text: String, suffix: String) -> Bool", "whether the text ends with the suffix");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBool(frame, a, endsWith((String) r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1)));
    }

    @TruffleBoundary
    private static boolean endsWith(String s, String suffix) {
        return s.endsWith(suffix);
    }
}
