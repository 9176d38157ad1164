package dev.lumen.lir.values;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.StopIterationException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** Interop iterator over a map's entries in key order; each element is a two-element array [key, value]. */
@ExportLibrary(InteropLibrary.class)
final class LumenEntryIterator implements TruffleObject {
    private final LumenMap map;
    private final String[] keys;
    private int next;

    LumenEntryIterator(LumenMap map, String[] keys) {
        this.map = map;
        this.keys = keys;
    }

    @ExportMessage
    boolean isIterator() {
        return true;
    }

    @ExportMessage
    boolean hasIteratorNextElement() {
        return next < keys.length;
    }

    @ExportMessage
    Object getIteratorNextElement() throws StopIterationException {
        if (next >= keys.length) {
            throw StopIterationException.create();
        }
        String key = keys[next++];
        return LumenList.of(key, map.get(key));
    }
}
