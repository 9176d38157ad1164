package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenValues;
import java.util.List;

public final class Count extends IntrinsicDef {
    public Count() {
        super("count", List.of("(list: list[T], item: T) -> Int", "(text: String, part: String) -> Int"), true,
                "elements equal to the item; non-overlapping occurrences of the part");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeLong(frame, a, count(r.readBoxed(frame, c), r.readBoxed(frame, c + 1)));
    }

    @TruffleBoundary
    private static long count(Object in, Object item) {
        if (in instanceof String text) {
            return occurrences(text, (String) item);
        }
        LumenList list = (LumenList) in;
        long n = 0;
        for (int i = 0; i < list.size(); i++) {
            if (LumenValues.equal(list.get(i), item)) {
                n++;
            }
        }
        return n;
    }

    /** Non-overlapping occurrences of {@code part}; for an empty part, the code points plus one. */
    private static long occurrences(String text, String part) {
        if (part.isEmpty()) {
            return text.codePointCount(0, text.length()) + 1;
        }
        long n = 0;
        int from = 0;
        while ((from = text.indexOf(part, from)) >= 0) {
            n++;
            from += part.length();
        }
        return n;
    }
}
