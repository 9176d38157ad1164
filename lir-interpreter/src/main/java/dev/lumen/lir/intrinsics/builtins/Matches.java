package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.Typing;

public final class Matches extends IntrinsicDef {
    public Matches() {
        super("matches", "(text: String, pattern: String) -> Bool",
                "whether the regex (java.util.regex syntax) matches somewhere in the text; a literal pattern that "
                        + "does not compile is E0032", Typing.REGEX);
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBool(frame, a, matches((String) r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1)));
    }

    @TruffleBoundary
    private static boolean matches(String text, String regex) {
        return RegexCache.find(text, regex);
    }
}
