package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.CachedLibrary;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenType;

/**
 * {@code list[T]} from a host's array (a JavaScript array, a Java array or {@code List}, a {@code ProxyArray}):
 * its elements read through a cached library and converted by one node for the element type, created when
 * the first element comes. A Lumen value handed back goes to {@link LumenImport}, which keeps it when it fits.
 */
@GenerateInline(false)
abstract class LumenListNode extends LumenValueNode {
    private final LumenType.ListType type;
    private final int depth;
    @Child private LumenValueNode element;

    LumenListNode(LumenType.ListType type, int depth) {
        this.type = type;
        this.depth = depth;
    }

    @Specialization(guards = "isLumen(value)")
    Object fromLumen(Object value) {
        return handedBack(value, type, depth);
    }

    @Specialization(guards = "!isLumen(value)", limit = "3")
    Object fromHost(Object value, @CachedLibrary("value") InteropLibrary arrays) {
        if (!arrays.hasArrayElements(value)) {
            return FAILED;
        }
        try {
            long n = arrays.getArraySize(value);
            if (n > Integer.MAX_VALUE) {
                return FAILED;
            }
            Object[] items = new Object[(int) n];
            LumenValueNode convert = element();
            for (int i = 0; i < items.length; i++) {
                Object item = convert.execute(arrays.readArrayElement(value, i));
                if (item == FAILED) {
                    return FAILED;
                }
                items[i] = LumenContainer.share(item);
            }
            return LumenList.wrap(items);
        } catch (InteropException e) {
            return FAILED;
        }
    }

    private LumenValueNode element() {
        if (element == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            element = insert(LumenValueNode.create(type.element(), depth + 1));
        }
        return element;
    }
}
