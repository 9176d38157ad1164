package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import dev.lumen.lir.errors.LumenArgumentError;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.values.LumenBytes;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenEnumType;
import dev.lumen.lir.values.LumenEnumValue;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenResult;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.JsonReading;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Converts values a host passes to a cell into Lumen values of the parameter's type, by interop, the way
 * JSON input is read (spec §10.3): Int from an integral number in the 64-bit range; Float from any number;
 * String from a string (a lone surrogate as U+FFFD, as in JSON Lumen reads); Bool; Null from null; Bytes from a buffer or base64 text; Json from any JSON-like
 * value; {@code list[T]} from an array; {@code map[String, T]} from hash entries or members; a record from
 * an object with exactly its fields (hash entries or readable members that are not executable; a field the
 * object does not have as one may come from a method with no arguments named like it, a Java record's
 * accessor, or from a getter {@code getX}/{@code isX}; a field whose type contains Null may be absent); an enum from its
 * variant's name; a result from an object with exactly one member, {@code ok} or {@code err}; a union from
 * a value that one member accepts (a number trying the member of its kind first: an integer Int, a double
 * Float). Lumen values handed back in are taken as they are when their type fits
 * (and marked shared, since the host keeps a reference).
 *
 * <p>A value that does not fit raises {@link LumenArgumentError} naming the argument and the path inside it.
 */
public final class LumenImport {
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private static final LongAdder ARGUMENTS = new LongAdder();

    private LumenImport() {
    }

    /** How many host arguments went through the general conversion (not a {@link LumenArgumentNode}'s inline one). */
    static long generalArguments() {
        return ARGUMENTS.sum();
    }

    /** Thrown inside the conversion; becomes a {@link LumenArgumentError} with the argument's name. */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    @TruffleBoundary
    static Object[] arguments(String cell, String[] names, LumenType[] types, Object[] args) {
        Object[] converted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            converted[i] = argument(cell, names[i], types[i], args[i]);
        }
        return converted;
    }

    /** Argument {@code name} of {@code cell}, {@code value}, as a value of {@code type}. */
    @TruffleBoundary
    static Object argument(String cell, String name, LumenType type, Object value) {
        ARGUMENTS.increment();
        try {
            // depth 1: a traced run records its arguments as one JSON object
            return convert(value, type, name, 1);
        } catch (Mismatch m) {
            throw new LumenArgumentError("argument `" + name + "` of cell `" + cell + "`: " + m.getMessage());
        }
    }

    /**
     * A part of a host's argument, {@code value} at {@code depth}, as a value of {@code type}, for a
     * {@link LumenValueNode} that leaves it to the general conversion; {@link LumenValueNode#FAILED} when it does
     * not fit (the whole argument is then converted again, to word the error with its path).
     */
    @TruffleBoundary
    static Object part(Object value, LumenType type, int depth) {
        try {
            return convert(value, type, "", depth);
        } catch (Mismatch m) {
            return LumenValueNode.FAILED;
        }
    }

    /**
     * A tool's output, a Json tree ({@link dev.lumen.lir.values.LumenJson#fromTree}), as a value of the call's
     * type {@code type}, read as JSON input is read.
     *
     * @throws LumenFailure (kind tool) naming {@code what} and where inside the output it does not fit
     */
    @TruffleBoundary
    public static Object fromJson(Object tree, LumenType type, String what) {
        return fromJson(tree, type, "output", LumenException.Kind.TOOL, what);
    }

    /**
     * A Json tree as a value of {@code type}, read as JSON input is read; paths inside it start at {@code root}.
     *
     * @throws LumenFailure of {@code kind}: {@code what} and where inside the tree it does not fit
     */
    @TruffleBoundary
    public static Object fromJson(Object tree, LumenType type, String root, LumenException.Kind kind, String what) {
        try {
            return convert(tree, type, root, 0);
        } catch (Mismatch m) {
            throw new LumenFailure(kind, what + ": " + m.getMessage());
        }
    }

    private static Mismatch mismatch(String path, LumenType type, Object value) {
        return new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                + "expected " + type + ", found " + describe(value));
    }

    /**
     * A value inside {@code depth} arrays and objects may be one more of them only within the nesting JSON has
     * (CanonicalJson.MAX_DEPTH levels): a traced run records its arguments as JSON.
     */
    private static void checkDepth(Object v, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH || depth == CanonicalJson.MAX_DEPTH && (INTEROP.hasArrayElements(v)
                || INTEROP.hasHashEntries(v) || INTEROP.hasMembers(v) && !INTEROP.isString(v))) {
            throw new Mismatch("value nested more than " + CanonicalJson.MAX_DEPTH + " levels deep");
        }
    }

    private static Object convert(Object v, LumenType type, String path, int depth) {
        checkDepth(v, depth);
        if ((v instanceof LumenContainer || v instanceof LumenResult) && fitsDeep(v, type, depth)) {
            return LumenContainer.share(v); // a Lumen value handed back: the host keeps a reference
        }
        try {
            return switch (type) {
                case LumenType.Primitive p -> primitive(v, p, path, depth);
                case LumenType.ListType l -> {
                    if (!INTEROP.hasArrayElements(v)) {
                        throw mismatch(path, type, v);
                    }
                    long n = INTEROP.getArraySize(v);
                    Object[] items = new Object[(int) n];
                    for (int i = 0; i < n; i++) {
                        items[i] = LumenContainer.share(convert(INTEROP.readArrayElement(v, i), l.element(), path + "[" + i + "]", depth + 1));
                    }
                    yield LumenList.wrap(items);
                }
                case LumenType.MapType m -> {
                    Map<String, Object> entries = entries(v);
                    if (entries == null) {
                        throw mismatch(path, type, v);
                    }
                    Object[] pairs = new Object[entries.size() * 2];
                    int i = 0;
                    for (Map.Entry<String, Object> e : entries.entrySet()) {
                        pairs[i++] = e.getKey();
                        pairs[i++] = convert(e.getValue(), m.value(), path + "[" + dev.lumen.lir.intrinsics.LumenIntrinsics.quote(e.getKey()) + "]", depth + 1);
                    }
                    yield LumenMap.ofPairs(pairs);
                }
                case LumenType.ResultType r -> {
                    if (v instanceof LumenResult res) {
                        yield new LumenResult(res.isOk(), convert(res.value(), res.isOk() ? r.ok() : r.err(), path + (res.isOk() ? ".ok" : ".err"), depth + 1));
                    }
                    Map<String, Object> entries = entries(v);
                    if (entries == null || entries.size() != 1 || !(entries.containsKey("ok") || entries.containsKey("err"))) {
                        throw new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                                + "expected " + type + " as an object with one member, \"ok\" or \"err\", found " + describe(v));
                    }
                    boolean ok = entries.containsKey("ok");
                    yield new LumenResult(ok, convert(entries.get(ok ? "ok" : "err"), ok ? r.ok() : r.err(), path + (ok ? ".ok" : ".err"), depth + 1));
                }
                case LumenType.UnionType u -> union(v, u, path, depth);
                case LumenRecordType r -> record(v, r, path, depth);
                case LumenEnumType e -> {
                    if (v instanceof LumenEnumValue ev && ev.type() == e) {
                        yield ev;
                    }
                    if (!INTEROP.isString(v)) {
                        throw mismatch(path, type, v);
                    }
                    String name = INTEROP.asString(v);
                    LumenEnumValue value = e.valueNamed(name);
                    if (value == null) {
                        List<String> variants = new ArrayList<>();
                        for (int i = 0; i < e.variantCount(); i++) {
                            variants.add(e.value(i).name());
                        }
                        throw new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                                + "expected " + type + " (one of " + String.join(", ", variants) + "), found " + describe(v));
                    }
                    yield value;
                }
            };
        } catch (InteropException e) {
            throw mismatch(path, type, v);
        }
    }

    /** Whether a Lumen value already is a value of {@code type}, all the way down. */
    private static boolean fitsDeep(Object v, LumenType type, int depth) {
        if (depth > CanonicalJson.MAX_DEPTH) {
            return false;
        }
        return switch (type) {
            case LumenType.Primitive p -> p == LumenType.Primitive.JSON ? jsonTree(v, depth) : p.isInstance(v);
            case LumenType.ListType l -> {
                if (!(v instanceof LumenList list)) {
                    yield false;
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!fitsDeep(list.get(i), l.element(), depth + 1)) {
                        yield false;
                    }
                }
                yield true;
            }
            case LumenType.MapType m -> {
                if (!(v instanceof LumenMap map)) {
                    yield false;
                }
                for (String k : map.sortedKeys()) {
                    if (!fitsDeep(map.get(k), m.value(), depth + 1)) {
                        yield false;
                    }
                }
                yield true;
            }
            case LumenType.ResultType r -> v instanceof LumenResult res
                    && fitsDeep(res.value(), res.isOk() ? r.ok() : r.err(), depth + 1);
            case LumenType.UnionType u -> {
                for (LumenType m : u.members()) {
                    if (fitsDeep(v, m, depth + 1)) {
                        yield true;
                    }
                }
                yield false;
            }
            case LumenRecordType r -> {
                if (!(v instanceof LumenRecord rec) || rec.type() != r) {
                    yield false;
                }
                for (int i = 0; i < r.fieldCount(); i++) {
                    if (!fitsDeep(rec.get(i), r.fieldType(i), depth + 1)) {
                        yield false;
                    }
                }
                yield true;
            }
            case LumenEnumType e -> e.isInstance(v);
        };
    }

    private static boolean jsonTree(Object v, int depth) {
        if (v instanceof LumenList list) {
            for (int i = 0; i < list.size(); i++) {
                if (!jsonTree(list.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof LumenMap map) {
            for (String k : map.sortedKeys()) {
                if (!jsonTree(map.get(k), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return !(v instanceof Double d && (d.isNaN() || d.isInfinite())) && dev.lumen.lir.values.LumenValues.isJsonTree(v);
    }

    private static Object primitive(Object v, LumenType.Primitive p, String path, int depth) throws UnsupportedMessageException {
        switch (p) {
            case INT:
                if (v instanceof Long) {
                    return v;
                }
                if (INTEROP.isNumber(v) && INTEROP.fitsInLong(v)) {
                    return INTEROP.asLong(v);
                }
                if (INTEROP.isNumber(v) && INTEROP.fitsInDouble(v) && !INTEROP.fitsInLong(v)) {
                    double d = INTEROP.asDouble(v);
                    if (d == Math.rint(d) && !Double.isInfinite(d)) {
                        throw new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                                + "expected Int, found " + describe(v) + ", which does not fit in 64 bits");
                    }
                }
                break;
            case FLOAT:
                if (v instanceof Double) {
                    return v;
                }
                if (INTEROP.isNumber(v)) {
                    if (INTEROP.fitsInDouble(v)) {
                        return INTEROP.asDouble(v);
                    }
                    if (INTEROP.fitsInLong(v)) {
                        return (double) INTEROP.asLong(v);
                    }
                    if (INTEROP.fitsInBigInteger(v)) {
                        return INTEROP.asBigInteger(v).doubleValue();
                    }
                }
                break;
            case STRING:
                if (v instanceof String s) {
                    return JsonReading.unicode(s);
                }
                if (INTEROP.isString(v) && !(v instanceof LumenEnumValue)) {
                    return JsonReading.unicode(INTEROP.asString(v));
                }
                break;
            case BOOL:
                if (INTEROP.isBoolean(v)) {
                    return INTEROP.asBoolean(v);
                }
                break;
            case NULL:
                if (INTEROP.isNull(v)) {
                    return LumenNull.INSTANCE;
                }
                break;
            case BYTES:
                if (v instanceof LumenBytes) {
                    return v;
                }
                if (INTEROP.hasBufferElements(v)) {
                    long n = INTEROP.getBufferSize(v);
                    byte[] bytes = new byte[(int) n];
                    for (int i = 0; i < n; i++) {
                        try {
                            bytes[i] = INTEROP.readBufferByte(v, i);
                        } catch (InteropException e) {
                            throw mismatch(path, p, v);
                        }
                    }
                    return LumenBytes.copyOf(bytes);
                }
                if (INTEROP.isString(v)) {
                    try {
                        return LumenBytes.copyOf(Base64.getDecoder().decode(INTEROP.asString(v)));
                    } catch (IllegalArgumentException e) {
                        throw new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                                + "expected Bytes as base64 text: " + e.getMessage());
                    }
                }
                break;
            case JSON:
                return json(v, path, depth);
        }
        throw mismatch(path, p, v);
    }

    /** Any JSON-like value as a Json tree. */
    private static Object json(Object v, String path, int depth) throws UnsupportedMessageException {
        checkDepth(v, depth);
        if (INTEROP.isNull(v)) {
            return LumenNull.INSTANCE;
        }
        if (INTEROP.isBoolean(v)) {
            return INTEROP.asBoolean(v);
        }
        if (INTEROP.isString(v)) {
            return JsonReading.unicode(INTEROP.asString(v));
        }
        if (INTEROP.isNumber(v)) {
            if (INTEROP.fitsInLong(v) && !(v instanceof Double)) {
                return INTEROP.asLong(v);
            }
            if (INTEROP.fitsInDouble(v)) {
                double d = INTEROP.asDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new Mismatch("at `" + path + "`: JSON cannot represent " + d);
                }
                return d;
            }
            if (INTEROP.fitsInBigInteger(v)) {
                double d = INTEROP.asBigInteger(v).doubleValue();
                if (Double.isInfinite(d)) {
                    throw new Mismatch("at `" + path + "`: a number too large for Json (at most "
                            + dev.lumen.lir.values.LumenText.floatText(Double.MAX_VALUE) + " in magnitude)");
                }
                return d;
            }
        }
        if (INTEROP.hasArrayElements(v)) {
            try {
                long n = INTEROP.getArraySize(v);
                Object[] items = new Object[(int) n];
                for (int i = 0; i < n; i++) {
                    items[i] = LumenContainer.share(json(INTEROP.readArrayElement(v, i), path + "[" + i + "]", depth + 1));
                }
                return LumenList.wrap(items);
            } catch (InteropException e) {
                throw new Mismatch("at `" + path + "`: unreadable array");
            }
        }
        Map<String, Object> entries = entries(v);
        if (entries != null) {
            Object[] pairs = new Object[entries.size() * 2];
            int i = 0;
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                pairs[i++] = e.getKey();
                pairs[i++] = json(e.getValue(), path + "." + e.getKey(), depth + 1);
            }
            return LumenMap.ofPairs(pairs);
        }
        throw new Mismatch("at `" + path + "`: expected a JSON value, found " + describe(v));
    }

    private static Object union(Object v, LumenType.UnionType u, String path, int depth) {
        LumenType[] members = u.members();
        if (INTEROP.isNull(v)) {
            for (LumenType m : members) {
                if (m == LumenType.Primitive.NULL) {
                    return LumenNull.INSTANCE;
                }
            }
            throw mismatch(path, u, v);
        }
        // A number goes to the member of its own kind first, whatever the order of the members: an integer to
        // Int (spec §10.3: a JSON integer matches Int before Float), a floating point number (a Float in a Json
        // tree, a host double) to Float.
        LumenType own = v instanceof Double ? LumenType.Primitive.FLOAT
                : INTEROP.isNumber(v) && INTEROP.fitsInLong(v) ? LumenType.Primitive.INT : null;
        if (own != null && u.isMember(own)) {
            return convert(v, own, path, depth);
        }
        for (LumenType m : members) {
            if (m == LumenType.Primitive.NULL) {
                continue;
            }
            try {
                return convert(v, m, path, depth);
            } catch (Mismatch e) {
                // try the next member
            }
        }
        throw mismatch(path, u, v);
    }

    private static Object record(Object v, LumenRecordType r, String path, int depth) {
        Map<String, Object> entries = entries(v);
        if (entries == null) {
            throw mismatch(path, r, v);
        }
        Object[] fields = new Object[r.fieldCount()];
        for (int i = 0; i < fields.length; i++) {
            String name = r.fieldName(i);
            String fieldPath = path + "." + name;
            Object value = entries.containsKey(name) ? entries.get(name) : accessor(v, name);
            if (value == null) {
                if (r.fieldType(i).isInstance(LumenNull.INSTANCE)) {
                    fields[i] = LumenNull.INSTANCE;
                    continue;
                }
                throw new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                        + "missing field `" + name + "` of " + r.name() + (entries.isEmpty() && !INTEROP.hasHashEntries(v)
                                ? " (the value shows no fields: a Java object's are visible when the context's host"
                                        + " access allows them, e.g. HostAccess.ALL, or @HostAccess.Export on them, and its class is public)"
                                : ""));
            }
            fields[i] = LumenContainer.share(convert(value, r.fieldType(i), fieldPath, depth + 1));
        }
        for (String key : entries.keySet()) {
            if (r.indexOf(key) < 0) {
                throw new Mismatch((path.contains(".") || path.contains("[") ? "at `" + path + "`: " : "")
                        + "unknown field `" + key + "` for " + r.name());
            }
        }
        return new LumenRecord(r, fields);
    }

    /**
     * Field {@code name} of an object that offers it through a method rather than a readable member: a Java
     * record's accessor {@code name()}, a JavaBean getter {@code getName()} or {@code isName()}, invoked with no
     * arguments; null when it has none.
     */
    private static Object accessor(Object v, String name) {
        if (INTEROP.hasHashEntries(v) || !INTEROP.hasMembers(v)) {
            return null;
        }
        for (String method : accessors(name)) {
            if (INTEROP.isMemberInvocable(v, method)) {
                try {
                    return INTEROP.invokeMember(v, method);
                } catch (ArityException e) {
                    // a method of that name that takes arguments is not an accessor
                } catch (InteropException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The methods that may give field {@code name}, in the order they are tried: {@code name()}, {@code getName()}, {@code isName()}. */
    static String[] accessors(String name) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return new String[] {name, "get" + capitalized, "is" + capitalized};
    }

    /** The entries of an object-like value (hash entries, else readable members), or null. */
    private static Map<String, Object> entries(Object v) {
        try {
            if (INTEROP.hasHashEntries(v)) {
                Map<String, Object> m = new LinkedHashMap<>();
                Object it = INTEROP.getHashEntriesIterator(v);
                while (INTEROP.hasIteratorNextElement(it)) {
                    Object entry = INTEROP.getIteratorNextElement(it);
                    Object key = INTEROP.readArrayElement(entry, 0);
                    if (!INTEROP.isString(key)) {
                        throw new Mismatch("map keys must be strings, found " + describe(key));
                    }
                    put(m, INTEROP.asString(key), INTEROP.readArrayElement(entry, 1));
                }
                return m;
            }
            if (INTEROP.hasMembers(v) && !INTEROP.hasArrayElements(v) && !INTEROP.isString(v)) {
                Map<String, Object> m = new LinkedHashMap<>();
                Object names = INTEROP.getMembers(v);
                long n = INTEROP.getArraySize(names);
                for (long i = 0; i < n; i++) {
                    String name = INTEROP.asString(INTEROP.readArrayElement(names, i));
                    if (INTEROP.isMemberReadable(v, name)) {
                        Object value = INTEROP.readMember(v, name);
                        if (!INTEROP.isExecutable(value)) {
                            put(m, name, value);
                        }
                    }
                }
                return m;
            }
        } catch (InteropException e) {
            return null;
        }
        return null;
    }

    /**
     * Adds a host's entry under its key as a Lumen String (lone surrogates as U+FFFD, as JSON is read); two keys
     * that become one this way do not fit.
     */
    private static void put(Map<String, Object> entries, String key, Object value) {
        String text = JsonReading.unicode(key);
        if (entries.put(text, value) != null) {
            throw new Mismatch("two keys read as " + dev.lumen.lir.intrinsics.LumenIntrinsics.quote(text)
                    + " once their lone surrogates are U+FFFD");
        }
    }

    /** A short description of a foreign value for messages: {@code String "abc"}, {@code number 1.5}, {@code an array}. */
    private static String describe(Object v) {
        try {
            if (INTEROP.isNull(v)) {
                return "null";
            }
            if (INTEROP.isBoolean(v)) {
                return "Bool " + INTEROP.asBoolean(v);
            }
            if (INTEROP.isString(v)) {
                return "String " + dev.lumen.lir.intrinsics.LumenIntrinsics.quote(INTEROP.asString(v));
            }
            if (INTEROP.isNumber(v)) {
                if (INTEROP.fitsInLong(v)) {
                    return "number " + INTEROP.asLong(v);
                }
                if (INTEROP.fitsInDouble(v)) {
                    return "number " + dev.lumen.lir.values.LumenText.floatText(INTEROP.asDouble(v));
                }
                return "number " + INTEROP.toDisplayString(v);
            }
            if (INTEROP.hasArrayElements(v)) {
                return "an array";
            }
            if (INTEROP.hasHashEntries(v) || INTEROP.hasMembers(v)) {
                return "an object";
            }
            return INTEROP.asString(INTEROP.toDisplayString(v));
        } catch (UnsupportedMessageException e) {
            return "a value";
        }
    }
}
