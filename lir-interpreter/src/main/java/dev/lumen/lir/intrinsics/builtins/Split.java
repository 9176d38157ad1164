package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;
import java.util.ArrayList;

public final class Split extends IntrinsicDef {
    public Split() {
        super("split", "(text: String, separator: String) -> list[String]",
                "the text split at every occurrence of the separator");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, split((String) r.readBoxed(frame, c), (String) r.readBoxed(frame, c + 1)));
    }

    /**
     * The text split at every occurrence of the separator (literal text). An empty separator splits into
     * code points; an empty text gives one empty part.
     */
    @TruffleBoundary
    private static LumenList split(String text, String separator) {
        ArrayList<Object> parts = new ArrayList<>();
        if (separator.isEmpty()) {
            if (text.isEmpty()) {
                parts.add("");
            }
            text.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return LumenList.wrap(parts.toArray());
        }
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return LumenList.wrap(parts.toArray());
    }
}
