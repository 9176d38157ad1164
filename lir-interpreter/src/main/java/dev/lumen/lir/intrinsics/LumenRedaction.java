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
import dev.lumen.runtime.json.JsonRedaction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code redact(value, fields)} (lumen-v1.md §11.2): every record field and map entry, at any depth, whose
 * name is one of {@code fields} has its value replaced by a redacted value of the field's declared type,
 * so the result is still a value of the argument's type:
 *
 * <ul>
 *   <li>a field whose type admits {@code String}: the string {@code "[redacted]"} ({@link JsonRedaction#MARKER});
 *   <li>a {@code Json} field: the Json string {@code "[redacted]"};
 *   <li>a {@code Bytes} field: the UTF-8 bytes of {@code [redacted]};
 *   <li>a field whose type admits {@code Null}: {@code null};
 *   <li>any other field (an Int, an enum, a list, …): a runtime error, since its type has no redacted form.
 * </ul>
 *
 * A field that holds {@code null} stays {@code null} (there is nothing to hide). Inside a {@code Json} value
 * the runtime's untyped rule applies ({@link JsonRedaction}: any member so named, whatever its value, becomes
 * {@code "[redacted]"}). A redacted value is not searched further; list elements and result payloads are
 * searched but have no names of their own.
 */
public final class LumenRedaction {
    private static final byte[] MARKER_BYTES = JsonRedaction.MARKER.getBytes(StandardCharsets.UTF_8);

    private LumenRedaction() {
    }

    /** {@code redact(value, fields)} for a value of static type {@code type}. */
    @TruffleBoundary
    public static Object redact(Object value, LumenList fields, LumenType type) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            names.add((String) fields.get(i));
        }
        return LumenContainer.share(names.isEmpty() ? value : walk(value, type, names, "", 0));
    }

    /** {@code v} (of type {@code type}) with the named fields inside it redacted; {@code v} itself if none are. */
    private static Object walk(Object v, LumenType type, Set<String> names, String pointer, int depth) {
        if (depth > 1000) {
            throw new LumenFailure("redact: the value is nested deeper than 1000 levels");
        }
        return switch (type) {
            case LumenType.Primitive p -> p == LumenType.Primitive.JSON ? json(v, names) : v;
            case LumenType.UnionType u -> v instanceof LumenContainer || v instanceof LumenResult
                    ? walk(v, memberFor(v, u), names, pointer, depth) : v;
            case LumenType.ListType l -> list((LumenList) v, l, names, pointer, depth);
            case LumenType.MapType m -> map((LumenMap) v, m, names, pointer, depth);
            case LumenRecordType r -> record((LumenRecord) v, r, names, pointer, depth);
            case LumenType.ResultType r -> {
                LumenResult result = (LumenResult) v;
                Object payload = walk(result.value(), result.isOk() ? r.ok() : r.err(), names,
                        JsonPointer.append(pointer, result.isOk() ? "ok" : "err"), depth + 1);
                yield payload == result.value() ? v : new LumenResult(result.isOk(), LumenContainer.share(payload));
            }
            default -> v; // enums
        };
    }

    private static Object json(Object tree, Set<String> names) {
        if (!(tree instanceof LumenList) && !(tree instanceof LumenMap)) {
            return tree;
        }
        return LumenJson.fromTree(JsonRedaction.redact(LumenJson.toNode(tree), names));
    }

    /** The member of a union that a container value belongs to (unions hold one list, map and result type). */
    private static LumenType memberFor(Object v, LumenType.UnionType u) {
        for (LumenType m : u.members()) {
            if (v instanceof LumenRecord r ? m == r.type() : m.isInstance(v)) {
                return m;
            }
        }
        throw new LumenFailure("internal error: redact found a " + v.getClass().getSimpleName() + " in a " + u);
    }

    private static Object list(LumenList list, LumenType.ListType type, Set<String> names, String pointer, int depth) {
        Object[] items = null;
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Object redacted = walk(item, type.element(), names, JsonPointer.append(pointer, Integer.toString(i)), depth + 1);
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

    private static Object map(LumenMap map, LumenType.MapType type, Set<String> names, String pointer, int depth) {
        String[] keys = map.sortedKeys();
        Object[] pairs = new Object[keys.length * 2];
        boolean changed = false;
        for (int i = 0; i < keys.length; i++) {
            Object entry = map.get(keys[i]);
            String at = JsonPointer.append(pointer, keys[i]);
            Object redacted = names.contains(keys[i]) ? redacted(entry, type.value(), keys[i], at)
                    : walk(entry, type.value(), names, at, depth + 1);
            changed |= redacted != entry;
            pairs[2 * i] = keys[i];
            pairs[2 * i + 1] = redacted;
        }
        return changed ? LumenMap.ofPairs(pairs) : map;
    }

    private static Object record(LumenRecord record, LumenRecordType type, Set<String> names, String pointer, int depth) {
        Object[] fields = null;
        for (int i = 0; i < type.fieldCount(); i++) {
            Object field = record.get(i);
            String name = type.fieldName(i);
            String at = JsonPointer.append(pointer, name);
            Object redacted = names.contains(name) ? redacted(field, type.fieldType(i), name, at)
                    : walk(field, type.fieldType(i), names, at, depth + 1);
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

    /** The redacted form of the value of field {@code name} (declared type {@code type}) at {@code pointer}. */
    private static Object redacted(Object value, LumenType type, String name, String pointer) {
        if (value == LumenNull.INSTANCE) {
            return value;
        }
        if (admits(type, LumenType.Primitive.STRING) || type == LumenType.Primitive.JSON) {
            return JsonRedaction.MARKER;
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
        if (type == member) {
            return true;
        }
        if (type instanceof LumenType.UnionType u) {
            for (LumenType m : u.members()) {
                if (m == member) {
                    return true;
                }
            }
        }
        return false;
    }
}
