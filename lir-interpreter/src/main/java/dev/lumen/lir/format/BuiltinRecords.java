package dev.lumen.lir.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in records (lumen-v1.md §5.8) and their fields, in order. A module may name them without declaring
 * them in its type table (the interpreter knows them); one that does declare a record of such a name must give it
 * exactly these fields, since the interpreter builds its values (a ValidationError, a TraceRef, …) by field name.
 */
public final class BuiltinRecords {
    private static final LirType STRING = LirType.Primitive.STRING;
    private static final LirType STRING_OR_NULL = new LirType.UnionOf(List.of(STRING, LirType.Primitive.NULL));

    /** Each built-in record's fields (without constraints), by record name. */
    public static final Map<String, List<TypeDef.FieldDef>> FIELDS = fields();

    private BuiltinRecords() {
    }

    private static Map<String, List<TypeDef.FieldDef>> fields() {
        Map<String, List<TypeDef.FieldDef>> all = new LinkedHashMap<>();
        all.put("RoleText", List.of(f("role", STRING), f("content", STRING)));
        LirType fieldErrors = new LirType.ListOf(new LirType.Named("FieldError"));
        all.put("ValidationError", List.of(f("message", STRING), f("errors", fieldErrors),
                f("attempts", new LirType.ListOf(fieldErrors))));
        all.put("FieldError", List.of(f("path", STRING), f("constraint", STRING), f("expected", STRING),
                f("actual", STRING), f("message", STRING)));
        all.put("Patch", List.of(f("op", STRING), f("path", STRING), f("value", LirType.Primitive.JSON)));
        all.put("TraceRef", List.of(f("trace_id", STRING), f("seq", LirType.Primitive.INT)));
        all.put("ToolError", List.of(f("tool", STRING), f("message", STRING)));
        all.put("McpBlock", List.of(f("type", STRING), f("text", STRING_OR_NULL), f("data", STRING_OR_NULL),
                f("mimeType", STRING_OR_NULL), f("uri", STRING_OR_NULL), f("name", STRING_OR_NULL)));
        all.put("McpContent", List.of(f("text", STRING),
                f("content", new LirType.ListOf(new LirType.Named("McpBlock")))));
        return Collections.unmodifiableMap(all);
    }

    private static TypeDef.FieldDef f(String name, LirType type) {
        return new TypeDef.FieldDef(name, type, -1, null);
    }

    /** Whether the record {@code r} has the fields of the built-in of its name (true when it names none). */
    static boolean matches(TypeDef.RecordDef r) {
        List<TypeDef.FieldDef> builtin = FIELDS.get(r.name());
        if (builtin == null) {
            return true;
        }
        if (r.fields() == null || r.fields().size() != builtin.size()) {
            return false;
        }
        for (int i = 0; i < builtin.size(); i++) {
            TypeDef.FieldDef f = r.fields().get(i);
            if (f == null || !builtin.get(i).name().equals(f.name()) || !builtin.get(i).type().equals(f.type())) {
                return false;
            }
        }
        return true;
    }
}
