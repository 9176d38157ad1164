package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a JSON Patch (RFC 6902 §4): {@code op} ({@code add}, {@code remove}, {@code replace} or
 * {@code test}), the target {@code path} (JSON Pointer text, {@link JsonPointer}) and the {@code value}
 * ({@code null} when the operation has none: {@code remove} ignores it, the others need one). {@code move}
 * and {@code copy} need a {@code from} location, which this model (like Lumen's {@code Patch} record) does
 * not have; {@link JsonPatch#apply} rejects them.
 */
public record PatchOperation(String op, String path, JsonNode value) {

    public static PatchOperation add(String path, JsonNode value) {
        return new PatchOperation("add", path, value);
    }

    public static PatchOperation remove(String path) {
        return new PatchOperation("remove", path, null);
    }

    public static PatchOperation replace(String path, JsonNode value) {
        return new PatchOperation("replace", path, value);
    }

    public static PatchOperation test(String path, JsonNode value) {
        return new PatchOperation("test", path, value);
    }

    /** {@code op "path"} for messages, e.g. {@code remove "/items/3"}. */
    public String describe() {
        return op + " " + Shown.quote(path);
    }
}
