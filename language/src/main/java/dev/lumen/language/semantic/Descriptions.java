package dev.lumen.language.semantic;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.check.Binding;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.EnumInfo;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.schema.McpField;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import dev.lumen.runtime.tools.Capability;
import dev.lumen.runtime.tools.ToolManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Markdown descriptions of symbols, as an editor shows them on hover: a fenced `lumen` line with the
 * declaration (a cell's signature, a record's or enum's shape, a binding's type) followed by what it is and,
 * for tools, their manifest and the limits their grants set.
 */
public final class Descriptions {
    private final SourceFile file;

    private Descriptions(SourceFile file) {
        this.file = file;
    }

    /** Describes {@code symbol} of {@code model}'s document. */
    public static String of(Symbol symbol, SemanticModel model) {
        return new Descriptions(model.document().result().file()).describe(symbol);
    }

    /** A fenced `lumen` block holding {@code code}, as hovers show a declaration. */
    public static String code(String code) {
        return "```lumen\n" + code + "\n```";
    }

    private String describe(Symbol s) {
        return switch (s.kind()) {
            case CELL -> cell(s);
            case RECORD -> s.origin instanceof RecordInfo r ? code(record(r.name(), r.type(), r)) : declared(s);
            case ENUM -> s.origin instanceof EnumInfo e ? code(enumeration(e.type())) : declared(s);
            case FIELD -> field(s);
            case VARIANT -> code(s.container() + "." + s.name()) + "\n\nvariant of enum `" + s.container() + "`";
            case TOOL_ALIAS -> s.origin instanceof ToolAlias t ? tool(t) : declared(s);
            case PARAMETER, LET, LOOP_VARIABLE, PATTERN_BINDING -> local(s);
            case BUILTIN_TYPE -> builtinType(s);
            case BUILTIN_FUNCTION -> code(Builtins.signature(s.name()).orElse(s.name() + "(…)"))
                    + Builtins.doc(s.name()).map(d -> "\n\n" + d).orElse("") + "\n\nbuilt-in function";
            case MCP_TOOL -> s.origin instanceof ToolAlias t ? mcpTool(t, s.name()) : code(s.name());
            case TOOL_INPUT -> code(s.name() + (s.type() == null ? "" : ": " + s.type())) + "\n\ninput of `"
                    + s.container() + "`";
        };
    }

    /** A declaration the checker dropped (a second one of the same name): its kind and name only. */
    private static String declared(Symbol s) {
        return code(s.kind().noun() + " " + s.name()) + "\n\nredefinition: uses of `" + s.name()
                + "` refer to its first definition";
    }

    // ---- declarations ------------------------------------------------------------------------

    private String cell(Symbol s) {
        if (!(s.origin instanceof CellInfo c)) {
            return declared(s);
        }
        List<String> params = c.params().stream().map(p -> p.name() + ": " + p.type()).toList();
        String signature = "cell " + c.name() + "(" + String.join(", ", params) + ")"
                + (c.decl().returns() == null ? "" : " -> " + c.returnType());
        return code(signature) + (c.callsTools() ? "\n\ncalls tools" : "");
    }

    private String record(String name, RecordType type, RecordInfo info) {
        StringBuilder out = new StringBuilder("record " + name + "\n");
        if (info != null) {
            for (RecordInfo.Field f : info.fields()) {
                out.append("  ").append(f.name()).append(": ").append(f.type()).append(constraint(f.decl())).append('\n');
            }
        } else {
            type.fields().forEach((n, t) -> out.append("  ").append(n).append(": ").append(t).append('\n'));
        }
        return out.append("end").toString();
    }

    private static String enumeration(EnumType e) {
        StringBuilder out = new StringBuilder("enum " + e.name() + "\n");
        e.variants().forEach(v -> out.append("  ").append(v).append('\n'));
        return out.append("end").toString();
    }

    /** ` where …` as written, when the field has a constraint on one line. */
    private String constraint(Decl.Field f) {
        if (f == null || f.constraint() == null) {
            return "";
        }
        return text(f.constraint().span()).map(t -> " where " + t).orElse(" where …");
    }

    private String field(Symbol s) {
        String head = s.container() + "." + s.name() + (s.type() == null ? "" : ": " + s.type());
        if (s.origin instanceof RecordInfo.Field f) {
            return code(head + constraint(f.decl())) + "\n\nfield of record `" + s.container() + "`";
        }
        if (s.origin instanceof RecordType r && r.kind() != RecordType.Kind.USER) {
            return code(head) + "\n\nfield of " + (r.isStructural() ? "a tool's result" : "built-in record `"
                    + r.name() + "`");
        }
        return code(head) + "\n\nfield of record `" + s.container() + "`";
    }

    private static String local(Symbol s) {
        String type = s.type() == null || s.type().isError() ? "" : ": " + s.type();
        String keyword = switch (s.kind()) {
            case LET -> s.origin instanceof Binding b && b.mutable() ? "let mut " : "let ";
            default -> "";
        };
        String what = switch (s.kind()) {
            case PARAMETER -> "parameter of cell `" + s.container() + "`";
            case LOOP_VARIABLE -> "loop variable in cell `" + s.container() + "`";
            case PATTERN_BINDING -> "bound by a match pattern in cell `" + s.container() + "`";
            default -> "variable in cell `" + s.container() + "`";
        };
        return code(keyword + s.name() + type) + "\n\n" + what;
    }

    private String builtinType(Symbol s) {
        if (s.type() instanceof RecordType r && r.kind() == RecordType.Kind.BUILTIN) {
            return code(record(r.name(), r, null)) + "\n\nbuilt-in record";
        }
        return code(s.type() == null ? s.name() : s.type().toString()) + "\n\nbuilt-in type";
    }

    // ---- tools -------------------------------------------------------------------------------

    private String tool(ToolAlias t) {
        StringBuilder out = new StringBuilder(code(text(t.decl().span()).orElse("tool " + t.alias())));
        if (t.isMcp()) {
            out.append("\n\nMCP server `").append(t.mcpServer()).append('`');
            t.server().ifPresentOrElse(server -> {
                out.append(": ").append(server.identity().name()).append(' ').append(server.identity().version());
                out.append("\n\nTools: ").append(String.join(", ",
                        server.tools().stream().map(x -> "`" + x.name() + "`").toList()));
            }, () -> out.append("\n\nIts tools are not known: the lock file records no manifest for this server."));
            t.grants().forEach((target, clauses) -> out.append("\n\nGranted `").append(t.alias()).append('.')
                    .append(target).append("`: ").append(clauses(clauses)));
            return out.toString();
        }
        ToolManifest m = t.manifest();
        if (m == null) {
            return out.append("\n\nunknown tool `").append(t.toolId()).append('`').toString();
        }
        out.append("\n\n`").append(m.toolId()).append("` ").append(m.version());
        if (!m.description().isBlank()) {
            out.append(" — ").append(m.description());
        }
        ToolAlias.Signature sig = t.signature();
        if (sig != null) {
            List<String> inputs = new ArrayList<>();
            sig.inputs().forEach((name, type) -> inputs.add("`" + name + ": " + type + "`"
                    + (sig.isOptional(name) ? " (optional)" : "") + (name.equals(sig.positional()) ? " (positional)" : "")));
            out.append("\n\nInputs: ").append(inputs.isEmpty() ? "none" : String.join(", ", inputs));
            out.append("\n\nOutput: `").append(sig.output()).append('`');
        }
        out.append("\n\nEffect: ").append(m.effect().name().toLowerCase(java.util.Locale.ROOT));
        if (!m.capabilities().isEmpty()) {
            out.append("\n\nGrant clauses: ").append(String.join(", ",
                    m.capabilities().stream().map(c -> "`" + c.clause() + "`").toList()));
        }
        List<ToolAlias.GrantedClause> granted = t.grants().get("");
        out.append("\n\n").append(granted == null ? "Not granted: calls need a `grant " + t.alias() + " …` line."
                : "Granted: " + clauses(granted));
        return out.toString();
    }

    private String mcpTool(ToolAlias alias, String name) {
        StringBuilder out = new StringBuilder(code(alias.alias() + "." + name));
        Optional<McpTool> tool = alias.server().flatMap(s -> s.tools().stream().filter(x -> x.name().equals(name))
                .findFirst());
        if (tool.isPresent()) {
            McpTool t = tool.get();
            if (t.description() != null && !t.description().isBlank()) {
                out.append("\n\n").append(t.description().strip());
            }
            McpToolSchema schema = McpToolSchema.of(t);
            List<String> args = new ArrayList<>();
            for (McpField f : schema.arguments()) {
                args.add("`" + f.name() + ": " + f.type().text() + "`" + (f.required() ? "" : " (optional)"));
            }
            out.append("\n\nArguments: ").append(args.isEmpty() ? "none" : String.join(", ", args));
            Type result = alias.mcpOutputs().get(name);
            if (result != null || schema.output() != null) {
                out.append("\n\nResult: `").append(result != null ? result : schema.output().text()).append('`');
            }
        }
        out.append("\n\nMCP tool of `").append(alias.alias()).append('`');
        List<ToolAlias.GrantedClause> granted = alias.grants().get(name);
        out.append("\n\n").append(granted == null ? "Not granted." : "Granted: " + clauses(granted));
        return out.toString();
    }

    /** Grant clauses as written: `domain "api.example.com"`, `rate_limit 10 per_minute`. */
    static String clauses(List<ToolAlias.GrantedClause> clauses) {
        if (clauses.isEmpty()) {
            return "no limits";
        }
        List<String> out = new ArrayList<>();
        for (ToolAlias.GrantedClause c : clauses) {
            List<String> values = c.values().stream().map(Descriptions::value).toList();
            out.add("`" + c.key() + " " + String.join(" ", values) + "`");
        }
        return String.join(", ", out);
    }

    private static String value(Object v) {
        if (v instanceof String s && !Capability.RATE_UNITS.contains(s) && !Capability.BUDGET_UNITS.contains(s)) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    /** The document's text at a span on one line, or empty. */
    private Optional<String> text(Span span) {
        if (span == null || span.line() < 1 || span.line() > file.lineCount()) {
            return Optional.empty();
        }
        String line = file.line(span.line());
        if (span.endLine() != span.line()) {
            return Optional.of(line.substring(Math.min(line.length(), Math.max(0, span.column() - 1))).strip());
        }
        int from = Math.min(line.length(), Math.max(0, span.column() - 1));
        int to = Math.min(line.length(), Math.max(from, span.endColumn() - 1));
        return Optional.of(line.substring(from, to));
    }
}
