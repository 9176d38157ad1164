package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import java.util.Locale;

public final class Upper extends IntrinsicDef {
    public Upper() {
        super("upper", "(text: String) -> String", "the text in upper case: Unicode case mapping, independent of locale");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, upper((String) r.readBoxed(frame, c)));
    }

    @TruffleBoundary
    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
