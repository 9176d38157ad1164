package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;

public final class Chars extends IntrinsicDef {
    public Chars() {
        super("chars", "(text: String) -> list[String]", "the code points of the text, each as a String of one");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeBoxed(frame, a, chars((String) r.readBoxed(frame, c)));
    }

    @TruffleBoundary
    private static LumenList chars(String text) {
        Object[] parts = new Object[text.codePointCount(0, text.length())];
        for (int i = 0, at = 0; i < parts.length; i++) {
            int cp = text.codePointAt(at);
            int width = Character.charCount(cp);
            // ASCII code points share one String each, so a long text's list holds no String per character.
            parts[i] = width == 1 && cp < ASCII.length ? ASCII[cp] : text.substring(at, at + width);
            at += width;
        }
        return LumenList.wrap(parts);
    }

    private static final String[] ASCII = ascii();

    private static String[] ascii() {
        String[] table = new String[128];
        for (char ch = 0; ch < table.length; ch++) {
            table[ch] = String.valueOf(ch);
        }
        return table;
    }
}
