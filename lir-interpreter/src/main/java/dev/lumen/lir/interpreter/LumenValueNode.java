package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenEnumType;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenResult;
import dev.lumen.lir.values.LumenType;

/**
 * Converts (a part of) a host's argument into a Lumen value of one type, as {@link LumenImport} does, with
 * nodes specialised by the type and cached interop libraries, so that compiled code reads a host's object
 * as the host's own code would (a JavaScript property read becomes an inline-cached shape check).
 *
 * <p>A node answers {@link #FAILED} whenever the value is not one it converts the way {@link LumenImport}
 * would with certainty (a value that does not fit, or one of an unusual kind): the argument is then
 * converted again by {@link LumenImport}, which gives the value or the argument error with its path. So the
 * nodes only ever decide the common case, and every rule and message stays {@link LumenImport}'s.
 */
abstract class LumenValueNode extends Node {
    /** The answer of a node that does not convert a value itself. */
    static final Object FAILED = new Object() {
        @Override
        public String toString() {
            return "FAILED";
        }
    };

    /**
     * How deep a tree of nodes grows: values nested deeper (records are recursive through lists) are converted
     * by {@link LumenImport} behind a boundary, within the nesting it allows.
     */
    static final int MAX_NODE_DEPTH = 8;

    @Child private General handedBack;

    /** The Lumen value of {@code value}, or {@link #FAILED}. */
    abstract Object execute(Object value);

    /** Whether {@code value} is a Lumen value a host hands back. */
    static boolean isLumen(Object value) {
        return value instanceof LumenContainer || value instanceof LumenResult;
    }

    /**
     * A Lumen value handed back as a value of {@code type} at {@code depth}: by {@link LumenImport}, which keeps
     * it when it fits all the way down.
     */
    final Object handedBack(Object value, LumenType type, int depth) {
        if (handedBack == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            handedBack = insert(new General(type, depth));
        }
        return handedBack.execute(value);
    }

    /**
     * A node for values of {@code type} at {@code depth} (1 for an argument, one more inside each array or
     * object), which creates its own children when it first meets a value that needs them.
     */
    static LumenValueNode create(LumenType type, int depth) {
        if (depth <= MAX_NODE_DEPTH) {
            if (type instanceof LumenType.Primitive p) {
                switch (p) {
                    case INT:
                        return LumenScalarNodeFactory.IntNodeGen.create();
                    case FLOAT:
                        return LumenScalarNodeFactory.FloatNodeGen.create();
                    case BOOL:
                        return LumenScalarNodeFactory.BoolNodeGen.create();
                    case STRING:
                        return LumenScalarNodeFactory.StringNodeGen.create();
                    case JSON:
                        return LumenScalarNodeFactory.JsonNodeGen.create(depth);
                    default:
                        break;
                }
            } else if (type instanceof LumenType.ListType l) {
                return LumenListNodeGen.create(l, depth);
            } else if (type instanceof LumenRecordType r && LumenRecordNode.converts(r)) {
                return LumenRecordNode.create(r, depth);
            } else if (type instanceof LumenEnumType e) {
                return LumenScalarNodeFactory.EnumNodeGen.create(e);
            }
        }
        return new General(type, depth);
    }

    /** Any value of a type without nodes of its own, or nested too deep: converted by {@link LumenImport}. */
    static final class General extends LumenValueNode {
        private final LumenType type;
        private final int depth;

        General(LumenType type, int depth) {
            this.type = type;
            this.depth = depth;
        }

        @Override
        Object execute(Object value) {
            return LumenImport.part(value, type, depth);
        }
    }
}
