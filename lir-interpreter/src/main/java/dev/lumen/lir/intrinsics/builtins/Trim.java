package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

public final class Trim extends IntrinsicDef {
    public Trim() {
        super("trim", "(text: String) -> String", "without leading and trailing white space");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, trim((String) r.readBoxed(frame, c)));
    }

    /** White space as {@link Character#isWhitespace} has it. */
    @TruffleBoundary
    private static String trim(String s) {
        return s.strip();
    }
}
