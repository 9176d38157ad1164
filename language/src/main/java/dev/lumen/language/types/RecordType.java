package dev.lumen.language.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record type: a user-declared record, a built-in record (RoleText, ValidationError, FieldError, Patch,
 * TraceRef, ToolError, McpBlock, McpContent), or an anonymous structural record such as a tool's output. Named records are nominal
 * (equal only to themselves); structural records are equal when their fields are.
 */
public final class RecordType implements Type {

    public enum Kind { USER, BUILTIN, STRUCTURAL }

    public static final RecordType ROLE_TEXT = builtin("RoleText", "role", Type.STRING, "content",
            Type.STRING);
    public static final RecordType FIELD_ERROR = builtin("FieldError", "path", Type.STRING,
            "constraint", Type.STRING, "expected", Type.STRING, "actual", Type.STRING, "message", Type.STRING);
    /** {@code attempts}: each attempt's field errors, in order; the last is {@code errors} (lumen-v1.md §5.8). */
    public static final RecordType VALIDATION_ERROR = builtin("ValidationError", "message", Type.STRING,
            "errors", new ListType(FIELD_ERROR), "attempts", new ListType(new ListType(FIELD_ERROR)));
    public static final RecordType PATCH = builtin("Patch", "op", Type.STRING, "path", Type.STRING,
            "value", Type.JSON);
    public static final RecordType TRACE_REF = builtin("TraceRef", "trace_id", Type.STRING, "seq",
            Type.INT);
    public static final RecordType TOOL_ERROR = builtin("ToolError", "tool", Type.STRING, "message",
            Type.STRING);

    /** One content block of an MCP tool result (mcp-bridge-v1.md §5); members a block lacks are null. */
    public static final RecordType MCP_BLOCK = builtin("McpBlock", "type", Type.STRING,
            "text", Type.union(Type.STRING, Type.NULL), "data", Type.union(Type.STRING, Type.NULL),
            "mimeType", Type.union(Type.STRING, Type.NULL), "uri", Type.union(Type.STRING, Type.NULL),
            "name", Type.union(Type.STRING, Type.NULL));
    /** The result of an MCP tool that declares no output schema: its text blocks' text and all its blocks. */
    public static final RecordType MCP_CONTENT = builtin("McpContent", "text", Type.STRING,
            "content", new ListType(MCP_BLOCK));

    /** The built-in records by name. */
    public static final List<RecordType> BUILTINS = List.of(ROLE_TEXT, VALIDATION_ERROR, FIELD_ERROR, PATCH,
            TRACE_REF, TOOL_ERROR, MCP_BLOCK, MCP_CONTENT);

    private final String name;
    private final Kind kind;
    private Map<String, Type> fields;

    private RecordType(String name, Kind kind, Map<String, Type> fields) {
        this.name = name;
        this.kind = kind;
        this.fields = fields;
    }

    /** A user record; its fields are set with {@link #define} once their types are resolved. */
    public static RecordType user(String name) {
        return new RecordType(Objects.requireNonNull(name), Kind.USER, null);
    }

    static RecordType structural(LinkedHashMap<String, Type> fields) {
        return new RecordType(null, Kind.STRUCTURAL, Collections.unmodifiableMap(fields));
    }

    private static RecordType builtin(String name, Object... nameTypePairs) {
        LinkedHashMap<String, Type> f = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            f.put((String) nameTypePairs[i], (Type) nameTypePairs[i + 1]);
        }
        return new RecordType(name, Kind.BUILTIN, Collections.unmodifiableMap(f));
    }

    /** Sets a user record's fields, in declaration order. */
    public void define(Map<String, Type> declaredFields) {
        if (kind != Kind.USER || fields != null) {
            throw new IllegalStateException("fields of " + this + " are already defined");
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(declaredFields));
    }

    /** The record's name, or null for a structural record. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isStructural() {
        return kind == Kind.STRUCTURAL;
    }

    /** Fields in declaration order (empty until a user record is defined). */
    public Map<String, Type> fields() {
        return fields == null ? Map.of() : fields;
    }

    public Optional<Type> field(String fieldName) {
        return Optional.ofNullable(fields().get(fieldName));
    }

    /** The index of a field in declaration order, or -1. */
    public int fieldIndex(String fieldName) {
        int i = 0;
        for (String f : fields().keySet()) {
            if (f.equals(fieldName)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof RecordType r && kind == Kind.STRUCTURAL && r.kind == Kind.STRUCTURAL
                && fields.equals(r.fields);
    }

    @Override
    public int hashCode() {
        return kind == Kind.STRUCTURAL ? fields.hashCode() : System.identityHashCode(this);
    }

    /** The name, or the fields as {@code {status: Int, body: Bytes}} for a structural record. */
    @Override
    public String toString() {
        if (name != null) {
            return name;
        }
        StringBuilder b = new StringBuilder("{");
        fields.forEach((n, t) -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(n).append(": ").append(t);
        });
        return b.append('}').toString();
    }
}
