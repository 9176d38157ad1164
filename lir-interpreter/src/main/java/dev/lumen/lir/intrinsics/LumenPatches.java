package dev.lumen.lir.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.runtime.json.JsonDiff;
import dev.lumen.runtime.json.JsonPatch;
import dev.lumen.runtime.json.JsonPatchException;
import dev.lumen.runtime.json.PatchOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code diff} and {@code patch} (lumen-v1.md §11.1): RFC 6902 JSON Patch between the JSON forms of two
 * values, by the runtime's {@link JsonDiff} and {@link JsonPatch}. A {@code Patch} record is one operation:
 * its {@code op}, its {@code path} (a JSON Pointer into the value's JSON form) and its {@code value} (a Json
 * tree; {@code remove} ignores it, and {@code diff} gives it null).
 *
 * <p>{@link #apply} returns the patched JSON; the interpreter reads it back as a value of the patched type.
 */
public final class LumenPatches {
    private LumenPatches() {
    }

    /** {@code diff(before, after)}: the patches, as records of {@code patchType}, that turn before into after. */
    @TruffleBoundary
    public static LumenList diff(Object before, Object after, LumenRecordType patchType) {
        List<PatchOperation> operations = JsonDiff.diff(LumenJson.toNode(before), LumenJson.toNode(after));
        int op = patchType.indexOf("op");
        int path = patchType.indexOf("path");
        int value = patchType.indexOf("value");
        Object[] patches = new Object[operations.size()];
        for (int i = 0; i < patches.length; i++) {
            PatchOperation o = operations.get(i);
            Object[] fields = new Object[patchType.fieldCount()];
            fields[op] = o.op();
            fields[path] = o.path();
            fields[value] = o.value() == null ? LumenNull.INSTANCE : LumenContainer.share(LumenJson.fromTree(o.value()));
            patches[i] = LumenContainer.share(new LumenRecord(patchType, fields));
        }
        return LumenList.wrap(patches);
    }

    /**
     * The JSON form of {@code value} with {@code patches} (a {@code list[Patch]}) applied, as a Json tree.
     *
     * @throws LumenFailure {@code patch: patches[i] (op "path"): why} for the first patch that does not apply
     */
    @TruffleBoundary
    public static Object apply(Object value, LumenList patches) {
        List<PatchOperation> operations = new ArrayList<>(patches.size());
        for (int i = 0; i < patches.size(); i++) {
            LumenRecord p = (LumenRecord) patches.get(i);
            LumenRecordType type = p.type();
            String op = (String) p.get(type.indexOf("op"));
            Object json = p.get(type.indexOf("value"));
            JsonNode node = op.equals("remove") ? null : LumenJson.toNode(json);
            operations.add(new PatchOperation(op, (String) p.get(type.indexOf("path")), node));
        }
        try {
            return LumenJson.fromTree(JsonPatch.apply(LumenJson.toNode(value), operations));
        } catch (JsonPatchException e) {
            throw new LumenFailure("patch: " + e.getMessage());
        }
    }
}
