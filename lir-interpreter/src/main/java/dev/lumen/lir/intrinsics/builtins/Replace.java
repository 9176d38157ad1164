package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

public final class Replace extends IntrinsicDef {
    public Replace() {
        super("replace", "(text: String, old: String, new: String) -> String",
                "every occurrence of the second argument (literal text) replaced by the third");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, replace((String) r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1),
                (String) r.readBoxed(frame, c + 2)));
    }

    /** Every occurrence of {@code target} (literal) replaced; an empty target is inserted around every code point. */
    @TruffleBoundary
    private static String replace(String s, String target, String replacement) {
        if (!target.isEmpty()) {
            return s.replace(target, replacement);
        }
        StringBuilder b = new StringBuilder(s.length() * (1 + replacement.length()) + replacement.length());
        b.append(replacement);
        s.codePoints().forEach(cp -> b.appendCodePoint(cp).append(replacement));
        return b.toString();
    }
}
