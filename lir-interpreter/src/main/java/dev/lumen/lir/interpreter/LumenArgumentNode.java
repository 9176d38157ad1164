package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.Node;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.json.JsonReading;

/**
 * Converts one argument a host passes to a cell into a Lumen value of its parameter's type, as
 * {@link LumenImport} does, on the call path of compiled code: Int, Float and Bool arguments are converted
 * inline (a boxed Java number or boolean directly, any other number through a cached interop library), so a
 * host's call of a cell with primitive arguments crosses no boundary. Every other value, and every value that
 * does not fit, goes to {@link LumenImport} (behind a boundary), which converts it or raises the argument error.
 */
@GenerateInline(false)
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
        if (type == LumenType.Primitive.INT) {
            return LumenArgumentNodeFactory.IntArgumentNodeGen.create(cell, parameter);
        }
        if (type == LumenType.Primitive.FLOAT) {
            return LumenArgumentNodeFactory.FloatArgumentNodeGen.create(cell, parameter);
        }
        if (type == LumenType.Primitive.BOOL) {
            return LumenArgumentNodeFactory.BoolArgumentNodeGen.create(cell, parameter);
        }
        if (type == LumenType.Primitive.STRING) {
            return LumenArgumentNodeFactory.StringArgumentNodeGen.create(cell, parameter);
        }
        return new AnyArgument(cell, parameter, type);
    }

    /** The general conversion, which also words the error of a value that does not fit. */
    final Object general(Object value) {
        return LumenImport.argument(cell, parameter, type, value);
    }

    abstract static class IntArgument extends LumenArgumentNode {
        IntArgument(String cell, String parameter) {
            super(cell, parameter, LumenType.Primitive.INT);
        }

        @Specialization
        static long fromLong(long value) {
            return value;
        }

        @Specialization
        static long fromInt(int value) {
            return value;
        }

        @Specialization(limit = "3")
        Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (interop.fitsInLong(value)) {
                try {
                    return interop.asLong(value);
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return general(value);
        }
    }

    abstract static class FloatArgument extends LumenArgumentNode {
        FloatArgument(String cell, String parameter) {
            super(cell, parameter, LumenType.Primitive.FLOAT);
        }

        @Specialization
        static double fromDouble(double value) {
            return value;
        }

        @Specialization
        static double fromLong(long value) {
            return value;
        }

        @Specialization
        static double fromInt(int value) {
            return value;
        }

        @Specialization(limit = "3")
        Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (interop.fitsInDouble(value)) {
                try {
                    return interop.asDouble(value);
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return general(value);
        }
    }

    abstract static class BoolArgument extends LumenArgumentNode {
        BoolArgument(String cell, String parameter) {
            super(cell, parameter, LumenType.Primitive.BOOL);
        }

        @Specialization
        static boolean fromBoolean(boolean value) {
            return value;
        }

        @Specialization(limit = "3")
        Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (interop.isBoolean(value)) {
                try {
                    return interop.asBoolean(value);
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return general(value);
        }
    }

    abstract static class StringArgument extends LumenArgumentNode {
        StringArgument(String cell, String parameter) {
            super(cell, parameter, LumenType.Primitive.STRING);
        }

        @Specialization
        static String fromString(String value) {
            return unicode(value);
        }

        @Specialization
        Object fromOther(Object value) {
            return general(value);
        }

        /** Lone surrogates as U+FFFD, as Lumen reads JSON: a scan of the text, not for partial evaluation. */
        @TruffleBoundary
        private static String unicode(String value) {
            return JsonReading.unicode(value);
        }
    }

    /** Records, lists, maps, results, unions, enums, Bytes, Json and Null: converted by {@link LumenImport}. */
    static final class AnyArgument extends LumenArgumentNode {
        AnyArgument(String cell, String parameter, LumenType type) {
            super(cell, parameter, type);
        }

        @Override
        Object execute(Object value) {
            return general(value);
        }
    }
}
