package dev.lumen.language.check;

import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.syntax.Parser;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.mcp.schema.McpType;

/** The Lumen types of MCP tool arguments, as the bridge maps their JSON Schemas (mcp-bridge-v1.md §8). */
final class McpTypes {
    private McpTypes() {
    }

    /**
     * The type an argument is checked against, or null when it is not checked: an object with properties maps
     * to a record shape that no Lumen record names, so any value with a JSON form may be passed.
     */
    static Type of(McpType type) {
        if (type.lumen().contains("record")) {
            return null;
        }
        TypeExpr expr = Parser.parseType(type.lumen());
        return expr == null ? null : TypeResolver.builtin(expr);
    }
}
