package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.runtime.json.JsonReading;

/**
 * A record from a host's object with exactly its fields, as {@link LumenImport} reads one: from hash entries
 * (a Java {@code Map}, a JavaScript {@code Map}) or from members (a JavaScript object, a {@code ProxyObject},
 * a Java object), each field by a {@link LumenFieldNode} whose name is a constant of the compiled code.
 *
 * <p>The object's member names are still listed on each call: a readable, non-executable member that is not a
 * field makes the value not fit, and a field read as a member must be one of the members listed (the names
 * are compared, the members that are not fields read only to see that they are methods). Anything unusual (a
 * key that is not a field, a field missing, a member listed twice) is {@link #FAILED}, left to
 * {@link LumenImport}, which words the error.
 */
@GenerateInline(false)
abstract class LumenRecordNode extends LumenValueNode {
    private final LumenRecordType type;
    private final int depth;
    @CompilationFinal(dimensions = 1) private final String[] names;
    @Children private final LumenFieldNode[] fields;

    LumenRecordNode(LumenRecordType type, int depth) {
        this.type = type;
        this.depth = depth;
        this.names = new String[type.fieldCount()];
        this.fields = new LumenFieldNode[type.fieldCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = type.fieldName(i);
            fields[i] = new LumenFieldNode(names[i], type.fieldType(i), depth + 1);
        }
    }

    static LumenRecordNode create(LumenRecordType type, int depth) {
        return LumenRecordNodeGen.create(type, depth);
    }

    /**
     * Whether nodes convert records of {@code type}: at most 64 fields (a bit each in a mask), named so that a
     * host's key is one only when it is that name exactly (no lone surrogate, no U+FFFD a key's could become).
     */
    static boolean converts(LumenRecordType type) {
        if (type.fieldCount() > Long.SIZE) {
            return false;
        }
        for (int i = 0; i < type.fieldCount(); i++) {
            String name = type.fieldName(i);
            if (name.isEmpty() || name.indexOf('\uFFFD') >= 0 || !JsonReading.unicode(name).equals(name)) {
                return false;
            }
        }
        return true;
    }

    @Specialization(guards = "isLumen(value)")
    Object fromLumen(Object value) {
        return handedBack(value, type, depth);
    }

    @Specialization(guards = "!isLumen(value)", limit = "3")
    Object fromHost(Object value, @CachedLibrary("value") InteropLibrary objects,
            @CachedLibrary(limit = "3") InteropLibrary parts, @CachedLibrary(limit = "3") InteropLibrary keys,
            @CachedLibrary(limit = "3") InteropLibrary members) {
        try {
            Object[] raw;
            if (objects.hasHashEntries(value)) {
                raw = fromEntries(value, objects, parts, keys);
            } else if (objects.hasMembers(value) && !objects.hasArrayElements(value) && !objects.isString(value)) {
                raw = fromMembers(value, objects, parts, keys, members);
            } else {
                return FAILED;
            }
            return raw == null ? FAILED : record(raw);
        } catch (InteropException e) {
            return FAILED;
        }
    }

    /** The index of the field named {@code key}, or -1. */
    @ExplodeLoop
    private int indexOf(String key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The fields' host values from hash entries (null for one absent), or null when a key is not a field. */
    private Object[] fromEntries(Object value, InteropLibrary objects, InteropLibrary parts, InteropLibrary keys)
            throws InteropException {
        Object[] raw = new Object[names.length];
        long seen = 0;
        Object iterator = objects.getHashEntriesIterator(value);
        while (parts.hasIteratorNextElement(iterator)) {
            Object entry = parts.getIteratorNextElement(iterator);
            Object key = parts.readArrayElement(entry, 0);
            if (!keys.isString(key)) {
                return null;
            }
            int i = indexOf(keys.asString(key));
            if (i < 0 || (seen & (1L << i)) != 0) {
                return null;
            }
            seen |= 1L << i;
            raw[i] = parts.readArrayElement(entry, 1);
        }
        return raw;
    }

    /**
     * The fields' host values from members (null for one absent), or null when a member that is data is not a
     * field, or a field read as data is not among the members listed.
     */
    @ExplodeLoop
    private Object[] fromMembers(Object value, InteropLibrary objects, InteropLibrary parts, InteropLibrary keys,
            InteropLibrary members) throws InteropException {
        Object[] raw = new Object[names.length];
        long data = 0;
        for (int i = 0; i < fields.length; i++) {
            Object field = fields[i].data(value);
            if (field == FAILED) {
                return null;
            }
            if (field != LumenFieldNode.NOT_DATA) {
                raw[i] = field;
                data |= 1L << i;
            }
        }
        if (!listedAre(data, value, objects, parts, keys, members)) {
            return null;
        }
        for (int i = 0; i < fields.length; i++) {
            if ((data & (1L << i)) == 0) {
                raw[i] = fields[i].accessor(value);
            }
        }
        return raw;
    }

    /**
     * Whether the members listed that are readable and not executable are exactly the fields in {@code data}
     * (a bit per field), each listed once.
     */
    private boolean listedAre(long data, Object value, InteropLibrary objects, InteropLibrary parts,
            InteropLibrary keys, InteropLibrary members) throws InteropException {
        Object listed = objects.getMembers(value);
        long n = parts.getArraySize(listed);
        long seen = 0;
        for (long k = 0; k < n; k++) {
            Object key = parts.readArrayElement(listed, k);
            if (!keys.isString(key)) {
                return false;
            }
            String name = keys.asString(key);
            int i = indexOf(name);
            if (i >= 0 && (data & (1L << i)) != 0) {
                if ((seen & (1L << i)) != 0) {
                    return false;
                }
                seen |= 1L << i;
            } else if (i < 0 && objects.isMemberReadable(value, name)
                    && !members.isExecutable(objects.readMember(value, name))) {
                return false;
            }
        }
        return seen == data;
    }

    /** The record of the fields' host values converted, or {@link #FAILED}. */
    @ExplodeLoop
    private Object record(Object[] raw) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (raw[i] == null) {
                if (!fields[i].nullable) {
                    return FAILED;
                }
                values[i] = LumenNull.INSTANCE;
            } else {
                Object converted = fields[i].convert(raw[i]);
                if (converted == FAILED) {
                    return FAILED;
                }
                values[i] = LumenContainer.share(converted);
            }
        }
        return new LumenRecord(type, values);
    }
}
