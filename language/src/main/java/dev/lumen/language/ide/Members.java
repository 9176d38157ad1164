package dev.lumen.language.ide;

import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.EnumInfo;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.Symbols;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.semantic.SemanticModel;
import dev.lumen.language.semantic.Symbol;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Token;
import dev.lumen.language.syntax.TokenKind;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.schema.McpField;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a document's top-level names offer an editor: the members after a `.` (a record value's fields, an enum's
 * variants, an MCP server's tools), record types by name, cells' and tools' signatures.
 */
final class Members {
    private final SemanticModel model;
    private final Symbols symbols;

    Members(SemanticModel model) {
        this.model = model;
        this.symbols = model.document().program().symbols();
    }

    CellInfo cell(String name) {
        return symbols.cell(name);
    }

    ToolAlias tool(String name) {
        return symbols.tool(name);
    }

    /** A record type by name: one the document declares, or a built-in one; null for neither. */
    RecordType record(String name) {
        RecordInfo info = symbols.record(name);
        if (info != null) {
            return info.type();
        }
        return RecordType.BUILTINS.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    /** The candidates after the `.` at index {@code dot} of the cursor's tokens. */
    List<CompletionItem> after(CursorContext cx, int dot) {
        if (cx.is(dot - 1, TokenKind.IDENT) && !cx.is(dot - 2, TokenKind.DOT)) {
            String name = cx.before.get(dot - 1).text();
            if (local(cx, name) == null) {
                EnumInfo e = symbols.enumeration(name);
                if (e != null) {
                    return Completions.variants(e.type());
                }
                ToolAlias t = symbols.tool(name);
                if (t != null) {
                    return t.isMcp() ? t.server().map(s -> Completions.tools(s.tools())).orElse(List.of()) : List.of();
                }
            }
        }
        Type receiver = receiver(cx, dot);
        List<CompletionItem> out = new ArrayList<>();
        if (receiver instanceof RecordType r) {
            r.fields().forEach((name, type) -> out.add(CompletionItem.of(name, CompletionItem.Kind.FIELD, type.toString())));
        }
        return out;
    }

    /** The type of what stands left of the `.` at {@code dot}: as checked, or else read from the tokens. */
    private Type receiver(CursorContext cx, int dot) {
        Span at = cx.before.get(dot).span();
        Optional<SemanticModel.TypedExpression> checked = model.expressionEndingAt(at.line(), at.column());
        return checked.isPresent() ? checked.get().type() : chain(cx, dot - 1);
    }

    /** The type of the postfix chain (`a.b[0].c`, `f(x).y`) whose last token is at {@code end}, or null. */
    private Type chain(CursorContext cx, int end) {
        Token t = cx.at(end);
        if (t == null) {
            return null;
        }
        switch (t.kind()) {
            case IDENT -> {
                if (cx.is(end - 1, TokenKind.DOT)) {
                    Type target = chain(cx, end - 2);
                    return target instanceof RecordType r ? r.fields().get(t.text()) : null;
                }
                Symbol local = local(cx, t.text());
                return local == null ? null : local.type();
            }
            case RBRACKET -> {
                int open = cx.opening(end);
                Type target = open > 0 ? chain(cx, open - 1) : null;
                return target instanceof Type.ListType l ? l.element() : target instanceof Type.MapType m ? m.value() : null;
            }
            case RPAREN -> {
                int open = cx.opening(end);
                if (!cx.is(open - 1, TokenKind.IDENT)) {
                    return null;
                }
                String callee = cx.before.get(open - 1).text();
                if (cx.is(open - 2, TokenKind.DOT) && cx.is(open - 3, TokenKind.IDENT)) {
                    ToolAlias alias = symbols.tool(cx.before.get(open - 3).text());
                    return alias == null ? null : alias.mcpOutputs().get(callee);
                }
                CellInfo cell = symbols.cell(callee);
                if (cell != null) {
                    return cell.returnType();
                }
                ToolAlias tool = symbols.tool(callee);
                return tool != null && tool.signature() != null ? tool.signature().output() : null;
            }
            default -> {
                return null;
            }
        }
    }

    private Symbol local(CursorContext cx, String name) {
        for (Symbol s : model.visibleAt(cx.line, cx.column)) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The arguments of an MCP tool as its server's recorded manifest declares them; empty when unknown. */
    List<McpField> mcpArguments(String alias, String tool) {
        return mcpTool(alias, tool).map(t -> McpToolSchema.of(t).arguments()).orElse(List.of());
    }

    /** An MCP tool of an alias, when its server's manifest is recorded. */
    Optional<McpTool> mcpTool(String alias, String tool) {
        ToolAlias a = symbols.tool(alias);
        if (a == null || !a.isMcp()) {
            return Optional.empty();
        }
        return a.server().flatMap(s -> s.tools().stream().filter(t -> t.name().equals(tool)).findFirst());
    }

    /** `name(p: T, …) -> R`, as diagnostics quote a cell. */
    String signature(String cellName) {
        CellInfo c = symbols.cell(cellName);
        if (c == null) {
            return null;
        }
        List<String> ps = c.params().stream().map(p -> p.name() + ": " + p.type()).toList();
        return c.name() + "(" + String.join(", ", ps) + ")" + (c.decl().returns() == null ? "" : " -> " + c.returnType());
    }

    /** The tool an alias names: its tool id, or `mcp "server"`. */
    String toolDetail(String alias) {
        ToolAlias t = symbols.tool(alias);
        if (t == null) {
            return null;
        }
        return t.isMcp() ? "mcp \"" + t.mcpServer() + "\"" : t.toolId();
    }
}
