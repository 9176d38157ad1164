package dev.lumen.lir.intrinsics.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.Registers;

public final class CodeAt extends IntrinsicDef {
    /** Below this many chars a text is scanned from its start; above it, its layout is remembered. */
    private static final int SCAN_LIMIT = 64;

    /**
     * The last long text asked about and whether it has no surrogate pair (then code point k is char k), so
     * that walking a text's code points is linear rather than quadratic. One immutable entry, replaced whole:
     * safe under concurrent readers without a lock.
     */
    private record Layout(String text, boolean bmpOnly) {
    }

    private static volatile Layout last = new Layout("", true);

    public CodeAt() {
        super("code_at", "(text: String, index: Int) -> Int",
                "the code point at a code-point index of the text (0-based); runtime error unless "
                        + "0 ≤ index < length(text)");
    }

    @Override
    public void execute(Registers r, VirtualFrame frame, int pc, int a, int c) {
        r.writeLong(frame, a, codeAt((String) r.readBoxed(frame, c), r.readLong(frame, c + 1)));
    }

    @TruffleBoundary
    static long codeAt(String text, long index) {
        if (index >= 0 && index < text.length() && bmpOnly(text)) {
            return text.charAt((int) index);
        }
        long n = text.codePointCount(0, text.length());
        if (index < 0 || index >= n) {
            throw new LumenFailure("code_at: index " + index + " is out of range for a text of " + n
                    + " code points");
        }
        return text.codePointAt(text.offsetByCodePoints(0, (int) index));
    }

    /** Whether the text holds no surrogate, remembered for the last long text. */
    private static boolean bmpOnly(String text) {
        if (text.length() <= SCAN_LIMIT) {
            return noSurrogate(text);
        }
        Layout known = last;
        if (known.text() == text) {
            return known.bmpOnly();
        }
        boolean bmp = noSurrogate(text);
        last = new Layout(text, bmp);
        return bmp;
    }

    private static boolean noSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
