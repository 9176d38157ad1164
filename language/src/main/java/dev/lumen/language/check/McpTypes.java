package dev.lumen.language.check;

import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.syntax.Parser;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.mcp.schema.McpField;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import dev.lumen.runtime.mcp.schema.McpType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Lumen types of MCP tool arguments and results, as the bridge maps their JSON Schemas (mcp-bridge-v1.md §8). */
final class McpTypes {
    private McpTypes() {
    }

    /**
     * The type an argument is checked against, or null when it is not checked: an object with properties maps
     * to a record shape that no Lumen record names, so any value with a JSON form may be passed.
     */
    static Type argument(McpType type) {
        if (type.lumen().contains("record")) {
            return null;
        }
        return builtin(type.lumen());
    }

    /**
     * The type of a call's result: the output schema's type, objects with properties becoming anonymous records;
     * McpContent for a tool that declares no output schema (mcp-bridge-v1.md §5).
     */
    static Type result(McpToolSchema schema) {
        return schema.output() == null ? RecordType.MCP_CONTENT : of(schema.output());
    }

    private static Type of(McpType type) {
        Type base;
        String lumen = type.lumen();
        if (lumen.startsWith("record")) {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (McpField f : type.fields()) {
                fields.put(f.name(), of(f.type()));
            }
            base = Type.structural(fields);
        } else if (lumen.startsWith("list[")) {
            base = new Type.ListType(of(type.element()));
        } else if (lumen.startsWith("map[")) {
            base = new Type.MapType(of(type.element()));
        } else {
            Type t = builtin(lumen);
            return t == null ? Type.JSON : t;
        }
        return type.nullable() ? Type.union(base, Type.NULL) : base;
    }

    /** A type without records, or null when Lumen cannot express it. */
    private static Type builtin(String lumen) {
        TypeExpr expr = Parser.parseType(lumen);
        return expr == null ? null : TypeResolver.builtin(expr);
    }
}
