package dev.lumen.lir.intrinsics;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.values.LumenBytes;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenResult;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.json.JsonPointer;
import dev.lumen.runtime.policy.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code redact(value, fields)} (lumen-v1.md §11.2): every record field and map entry, at any depth, whose
 * name is one of {@code fields} has its value replaced by the redacted value of the field's declared type,
 * so the result is still a value of the argument's type:
 *
 * <ul>
 *   <li>a type that admits {@code String}: the string {@code "[redacted]"} ({@link Redaction#MARKER});
 *   <li>{@code Json}: the Json string {@code "[redacted]"};
 *   <li>a type that admits {@code Bytes}: the UTF-8 bytes of {@code [redacted]};
 *   <li>a type that admits {@code Null}: {@code null};
 *   <li>any other type (an Int, an enum, a list, …): none, a runtime error.
 * </ul>
 *
 * Inside a {@code Json} value the untyped rule of trace redaction applies ({@link Redaction}: any member so
 * named, whatever its value, becomes {@code "[redacted]"}). A redacted value is not searched further; list
 * elements and result payloads are searched but have no names of their own. Values that nothing was redacted
 * in are kept, not copied.
 */
public final class LumenRedaction {
    private static final byte[] MARKER_BYTES = Redaction.MARKER.getBytes(StandardCharsets.UTF_8);
    private static final int MAX_DEPTH = 1000;

    private final Set<String> names;
    /** The untyped rule, for Json values. */
    private final Redaction inJson;

    private LumenRedaction(Set<String> names) {
        this.names = names;
        this.inJson = Redaction.ofFields(names);
    }

    /** {@code redact(value, fields)} for a value of static type {@code type}. */
    @TruffleBoundary
    public static Object redact(Object value, LumenList fields, LumenType type) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            names.add((String) fields.get(i));
        }
        return LumenContainer.share(names.isEmpty() ? value : new LumenRedaction(names).walk(value, type, "", 0));
    }

    /** {@code v} (of type {@code type}, at {@code pointer}) with the named fields inside it redacted; {@code v} if none are. */
    private Object walk(Object v, LumenType type, String pointer, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LumenFailure("redact: the value is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (type) {
            case LumenType.Primitive p -> p == LumenType.Primitive.JSON ? json(v) : v;
            case LumenType.UnionType u -> v instanceof LumenContainer || v instanceof LumenResult
                    ? walk(v, memberFor(v, u), pointer, depth) : v;
            case LumenType.ListType l -> list((LumenList) v, l, pointer, depth);
            case LumenType.MapType m -> map((LumenMap) v, m, pointer, depth);
            case LumenRecordType r -> record((LumenRecord) v, r, pointer, depth);
            case LumenType.ResultType r -> {
                LumenResult result = (LumenResult) v;
                String at = JsonPointer.append(pointer, result.isOk() ? "ok" : "err");
                Object payload = walk(result.value(), result.isOk() ? r.ok() : r.err(), at, depth + 1);
                yield payload == result.value() ? v : new LumenResult(result.isOk(), LumenContainer.share(payload));
            }
            default -> v; // enum values
        };
    }

    private Object json(Object tree) {
        if (!(tree instanceof LumenList) && !(tree instanceof LumenMap)) {
            return tree;
        }
        return LumenJson.fromTree(inJson.apply(LumenJson.toNode(tree)));
    }

    /** The member of a union that a container belongs to (a union has at most one list, map and result type). */
    private static LumenType memberFor(Object v, LumenType.UnionType u) {
        for (LumenType m : u.members()) {
            if (v instanceof LumenRecord r ? m == r.type() : m.isInstance(v)) {
                return m;
            }
        }
        throw new LumenFailure("internal error: redact found a " + v.getClass().getSimpleName() + " in a " + u);
    }

    private Object list(LumenList list, LumenType.ListType type, String pointer, int depth) {
        Object[] items = null;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Object redacted = walk(item, type.element(), JsonPointer.append(pointer, Integer.toString(i)), depth + 1);
            if (redacted != item && items == null) {
                items = list.toArray();
                for (Object kept : items) {
                    LumenContainer.share(kept);
                }
            }
            if (items != null) {
                items[i] = LumenContainer.share(redacted);
            }
        }
        return items == null ? list : LumenList.wrap(items);
    }

    private Object map(LumenMap map, LumenType.MapType type, String pointer, int depth) {
        String[] keys = map.sortedKeys();
        Object[] pairs = new Object[keys.length * 2];
        boolean changed = false;
        for (int i = 0; i < keys.length; i++) {
            Object entry = map.get(keys[i]);
            Object redacted = member(entry, type.value(), keys[i], pointer, depth);
            changed |= redacted != entry;
            pairs[2 * i] = keys[i];
            pairs[2 * i + 1] = redacted;
        }
        return changed ? LumenMap.ofPairs(pairs) : map;
    }

    private Object record(LumenRecord record, LumenRecordType type, String pointer, int depth) {
        Object[] fields = null;
        for (int i = 0; i < type.fieldCount(); i++) {
            Object field = record.get(i);
            Object redacted = member(field, type.fieldType(i), type.fieldName(i), pointer, depth);
            if (redacted != field && fields == null) {
                fields = new Object[type.fieldCount()];
                for (int k = 0; k < fields.length; k++) {
                    fields[k] = LumenContainer.share(record.get(k));
                }
            }
            if (fields != null) {
                fields[i] = LumenContainer.share(redacted);
            }
        }
        return fields == null ? record : new LumenRecord(type, fields);
    }

    /** A field or map entry {@code name} of declared type {@code type}, redacted or searched. */
    private Object member(Object value, LumenType type, String name, String pointer, int depth) {
        String at = JsonPointer.append(pointer, name);
        return names.contains(name) ? redacted(type, name, at) : walk(value, type, at, depth + 1);
    }

    /** The redacted value of a field {@code name} of type {@code type} at {@code pointer}. */
    private static Object redacted(LumenType type, String name, String pointer) {
        if (admits(type, LumenType.Primitive.STRING) || type == LumenType.Primitive.JSON) {
            return Redaction.MARKER;
        }
        if (admits(type, LumenType.Primitive.BYTES)) {
            return LumenBytes.copyOf(MARKER_BYTES);
        }
        if (type.isInstance(LumenNull.INSTANCE)) {
            return LumenNull.INSTANCE;
        }
        throw new LumenFailure("redact: cannot redact `" + name + "` at " + LumenIntrinsics.quote(pointer) + ": its type "
                + type + " has no redacted form (a redacted field's type must admit String, Bytes, Json or Null)");
    }

    private static boolean admits(LumenType type, LumenType.Primitive member) {
        return type == member || type instanceof LumenType.UnionType u && u.isMember(member);
    }
}
