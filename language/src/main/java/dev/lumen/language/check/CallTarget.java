package dev.lumen.language.check;

import dev.lumen.lir.intrinsics.IntrinsicDef;

/** What a call expression calls. */
public sealed interface CallTarget {

    /** A cell of the document. */
    record Cell(CellInfo cell) implements CallTarget {
    }

    /** A built-in function such as `length` or `validate`. */
    record Intrinsic(IntrinsicDef intrinsic) implements CallTarget {
    }

    /** `ok(e)` or `err(e)`: builds a result. */
    record ResultConstructor(boolean ok) implements CallTarget {
    }

    /** A native tool through its alias: `HttpGet(url: u)`. */
    record Tool(ToolAlias alias) implements CallTarget {
    }

    /** A tool of an MCP server: `Notion.create_page(…)`. */
    record McpTool(ToolAlias alias, String tool) implements CallTarget {
    }
}
