package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.lumen.lir.values.LumenType;

/**
 * Converts one argument a host passes to a cell into a Lumen value of its parameter's type, as
 * {@link LumenImport} does, on the call path of compiled code: by {@link LumenValueNode}s specialised by the
 * type (Int, Float, Bool, String, Json, enums, lists and records), so that a host's call crosses no boundary
 * for a value of the usual kind. A value they leave, and every value of another type, goes to
 * {@link LumenImport} (behind a boundary), which converts it or raises the argument error.
 */
abstract class LumenArgumentNode extends Node {
    private final String cell;
    private final String parameter;
    private final LumenType type;

    LumenArgumentNode(String cell, String parameter, LumenType type) {
        this.cell = cell;
        this.parameter = parameter;
        this.type = type;
    }

    /** The Lumen value of {@code value}, a host's argument. */
    abstract Object execute(Object value);

    static LumenArgumentNode create(String cell, String parameter, LumenType type) {
        LumenValueNode convert = LumenValueNode.create(type, 1);
        return convert instanceof LumenValueNode.General ? new General(cell, parameter, type)
                : new Converted(cell, parameter, type, convert);
    }

    /** The general conversion, which also words the error of a value that does not fit. */
    final Object general(Object value) {
        return LumenImport.argument(cell, parameter, type, value);
    }

    /** An argument converted by nodes, and by {@link LumenImport} when they leave it. */
    static final class Converted extends LumenArgumentNode {
        @Child private LumenValueNode convert;
        private final BranchProfile left = BranchProfile.create();

        Converted(String cell, String parameter, LumenType type, LumenValueNode convert) {
            super(cell, parameter, type);
            this.convert = convert;
        }

        @Override
        Object execute(Object value) {
            Object converted = convert.execute(value);
            if (converted == LumenValueNode.FAILED) {
                left.enter();
                return general(value);
            }
            return converted;
        }
    }

    /** Maps, results, unions, Bytes and Null: converted by {@link LumenImport}. */
    static final class General extends LumenArgumentNode {
        General(String cell, String parameter, LumenType type) {
            super(cell, parameter, type);
        }

        @Override
        Object execute(Object value) {
            return general(value);
        }
    }
}
