package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

public final class StartsWith extends IntrinsicDef {
    public StartsWith() {
        super("starts_with", "(text: String, prefix: String) -> Bool", "whether the text begins with the prefix");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBool(frame, a, startsWith((String) r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1)));
    }

    @TruffleBoundary
    private static boolean startsWith(String s, String prefix) {
        return s.startsWith(prefix);
    }
}
