package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.lumen.lir.values.LumenEnumType;
import dev.lumen.lir.values.LumenEnumValue;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.json.JsonReading;

/**
 * Host values converted to Lumen's scalar types as {@link LumenImport} converts them: a boxed Java number,
 * boolean or string (and a JavaScript string, a {@link TruffleString}) directly, any other through a cached
 * interop library; {@link LumenValueNode#FAILED} for a value that is not one.
 */
@GenerateInline(false)
abstract class LumenScalarNode extends LumenValueNode {

    /** Lone surrogates as U+FFFD, as Lumen reads JSON: a scan of the text, not for partial evaluation. */
    @TruffleBoundary
    static String unicode(String value) {
        return JsonReading.unicode(value);
    }

    static boolean isLumenEnum(Object value) {
        return value instanceof LumenEnumValue;
    }

    /** Int: an integral number in the 64-bit range. */
    abstract static class IntNode extends LumenScalarNode {
        @Specialization
        static long fromLong(long value) {
            return value;
        }

        @Specialization
        static long fromInt(int value) {
            return value;
        }

        @Specialization(limit = "3")
        static Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (interop.isNumber(value) && interop.fitsInLong(value)) {
                try {
                    return interop.asLong(value);
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return FAILED;
        }
    }

    /** Float: any number (one beyond a long's range by {@link LumenImport}). */
    abstract static class FloatNode extends LumenScalarNode {
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
        static Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            try {
                if (interop.isNumber(value)) {
                    if (interop.fitsInDouble(value)) {
                        return interop.asDouble(value);
                    }
                    if (interop.fitsInLong(value)) {
                        return (double) interop.asLong(value);
                    }
                }
            } catch (UnsupportedMessageException e) {
                throw CompilerDirectives.shouldNotReachHere(e);
            }
            return FAILED;
        }
    }

    abstract static class BoolNode extends LumenScalarNode {
        @Specialization
        static boolean fromBoolean(boolean value) {
            return value;
        }

        @Specialization(limit = "3")
        static Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (interop.isBoolean(value)) {
                try {
                    return interop.asBoolean(value);
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return FAILED;
        }
    }

    /** String: a host string (not a Lumen enum value), its lone surrogates as U+FFFD. */
    abstract static class StringNode extends LumenScalarNode {
        @Specialization
        static String fromString(String value) {
            return unicode(value);
        }

        @Specialization
        static String fromTruffleString(TruffleString value, @Cached TruffleString.ToJavaStringNode toJava) {
            return unicode(toJava.execute(value));
        }

        @Specialization(guards = "!isLumenEnum(value)", limit = "3")
        static Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (interop.isString(value)) {
                try {
                    return unicode(interop.asString(value));
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return FAILED;
        }

        @Specialization
        static Object fromEnum(@SuppressWarnings("unused") LumenEnumValue value) {
            return FAILED;
        }
    }

    /** An enum: one of its values, or a string naming a variant. */
    abstract static class EnumNode extends LumenScalarNode {
        final LumenEnumType type;

        EnumNode(LumenEnumType type) {
            this.type = type;
        }

        private Object named(String name) {
            LumenEnumValue value = type.valueNamed(name);
            return value != null ? value : FAILED;
        }

        @Specialization(guards = "value.type() == type")
        static Object fromValue(LumenEnumValue value) {
            return value;
        }

        @Specialization
        Object fromString(String value) {
            return named(value);
        }

        @Specialization
        Object fromTruffleString(TruffleString value, @Cached TruffleString.ToJavaStringNode toJava) {
            return named(toJava.execute(value));
        }

        @Specialization(replaces = "fromValue", limit = "3")
        Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            if (value instanceof LumenEnumValue e && e.type() == type) {
                return value;
            }
            if (interop.isString(value)) {
                try {
                    return named(interop.asString(value));
                } catch (UnsupportedMessageException e) {
                    throw CompilerDirectives.shouldNotReachHere(e);
                }
            }
            return FAILED;
        }
    }

    /**
     * Json: null, a boolean, a string or a finite number here; an array or an object (and a Lumen value
     * handed back) by {@link LumenImport}.
     */
    abstract static class JsonNode extends LumenScalarNode {
        private final int depth;

        JsonNode(int depth) {
            this.depth = depth;
        }

        /** An array, an object or a Lumen value handed back, by {@link LumenImport}. */
        private Object container(Object value) {
            return handedBack(value, LumenType.Primitive.JSON, depth);
        }

        @Specialization
        static long fromLong(long value) {
            return value;
        }

        @Specialization
        static long fromInt(int value) {
            return value;
        }

        @Specialization
        static Object fromDouble(double value) {
            return Double.isNaN(value) || Double.isInfinite(value) ? FAILED : value;
        }

        @Specialization
        static boolean fromBoolean(boolean value) {
            return value;
        }

        @Specialization
        static String fromString(String value) {
            return unicode(value);
        }

        @Specialization
        static String fromTruffleString(TruffleString value, @Cached TruffleString.ToJavaStringNode toJava) {
            return unicode(toJava.execute(value));
        }

        @Specialization(guards = "isLumen(value)")
        Object fromLumen(Object value) {
            return container(value);
        }

        @Specialization(guards = "!isLumen(value)", limit = "3")
        Object fromOther(Object value, @CachedLibrary("value") InteropLibrary interop) {
            try {
                if (interop.isNull(value)) {
                    return LumenNull.INSTANCE;
                }
                if (interop.isBoolean(value)) {
                    return interop.asBoolean(value);
                }
                if (interop.isString(value)) {
                    return unicode(interop.asString(value));
                }
                if (interop.isNumber(value)) {
                    if (interop.fitsInLong(value)) {
                        return interop.asLong(value);
                    }
                    if (interop.fitsInDouble(value)) {
                        return fromDouble(interop.asDouble(value));
                    }
                }
            } catch (UnsupportedMessageException e) {
                throw CompilerDirectives.shouldNotReachHere(e);
            }
            return container(value);
        }
    }
}
