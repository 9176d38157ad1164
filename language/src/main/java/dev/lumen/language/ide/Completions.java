package dev.lumen.language.ide;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.markdown.DirectiveChecker;
import dev.lumen.language.semantic.Builtins;
import dev.lumen.language.semantic.SemanticModel;
import dev.lumen.language.semantic.Symbol;
import dev.lumen.language.semantic.SymbolKind;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Token;
import dev.lumen.language.syntax.TokenKind;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.mcp.McpGrantClauses;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.schema.McpField;
import dev.lumen.runtime.tools.Capability;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Completion candidates at a position: the members of what stands left of a `.` (record fields, enum
 * variants, an MCP server's tools), the fields a record literal still needs, a call's argument names, types
 * where a type is written, grant clauses, directives outside the fences, and otherwise every name visible
 * there (local bindings, cells, tool aliases, records, enums, built-in functions).
 */
final class Completions {
    private static final List<String> STATEMENT_KEYWORDS = List.of("let", "if", "else", "for", "match", "return",
            "halt", "end");
    private static final List<String> DECLARATION_KEYWORDS = List.of("record", "enum", "cell", "use", "grant");

    private final SemanticModel model;
    private final Members members;

    Completions(SemanticModel model) {
        this.model = model;
        this.members = new Members(model);
    }

    Completion at(int line, int column) {
        CursorContext cx = CursorContext.at(model.document().document(), line, column);
        if (cx == null) {
            return directives(line, column);
        }
        if (cx.inText()) {
            return new Completion(cx.replace(), List.of());
        }
        return new Completion(cx.replace(), items(cx));
    }

    private List<CompletionItem> items(CursorContext cx) {
        Token last = cx.last();
        int start = cx.statementStart();
        Token first = cx.at(start);
        if (last != null && last.kind() == TokenKind.DOT) {
            return members.after(cx, cx.before.size() - 1);
        }
        if (first != null && first.kind() == TokenKind.GRANT) {
            return grant(cx, start);
        }
        if (first != null && first.kind() == TokenKind.AT && cx.before.size() - start <= 2) {
            return parallelLines(cx);
        }
        if (first != null && (first.kind() == TokenKind.USE || (cx.before.size() - start <= 1
                && (first.kind() == TokenKind.RECORD || first.kind() == TokenKind.ENUM || first.kind() == TokenKind.CELL)))) {
            return List.of(); // a new name, or a tool id
        }
        if (inType(cx, start)) {
            return types();
        }
        int open = cx.openBracket();
        if (open >= 0 && (last.kind() == TokenKind.COMMA || cx.before.get(open) == last)) {
            Token bracket = cx.before.get(open);
            if (bracket.kind() == TokenKind.LBRACE && cx.is(open - 1, TokenKind.IDENT)) {
                return recordFields(cx.before.get(open - 1).text(), cx.namesGiven(open));
            }
            if (bracket.kind() == TokenKind.LPAREN) {
                List<CompletionItem> out = new ArrayList<>(arguments(cx, open));
                if (!isToolCall(cx, open)) {
                    out.addAll(values(cx));
                }
                return out;
            }
        }
        List<CompletionItem> out = new ArrayList<>(values(cx));
        if (start == cx.before.size()) {
            out.addAll(keywords(cx));
        }
        return out;
    }

    // ---- names ---------------------------------------------------------------------------------

    /** Everything a value can be written with at the cursor. */
    private List<CompletionItem> values(CursorContext cx) {
        List<CompletionItem> out = new ArrayList<>();
        for (Symbol s : model.visibleAt(cx.line, cx.column)) {
            CompletionItem.Kind kind = switch (s.kind()) {
                case PARAMETER -> CompletionItem.Kind.PARAMETER;
                case FIELD -> CompletionItem.Kind.FIELD;
                default -> CompletionItem.Kind.VARIABLE;
            };
            out.add(CompletionItem.of(s.name(), kind, typeText(s.type())));
        }
        boolean inConstraint = enclosing(cx) instanceof Decl.Record;
        for (Symbol s : model.topLevel()) {
            if (inConstraint && s.kind() != SymbolKind.ENUM) {
                continue;
            }
            out.add(switch (s.kind()) {
                case CELL -> CompletionItem.of(s.name(), CompletionItem.Kind.CELL, members.signature(s.name()));
                case RECORD -> CompletionItem.of(s.name(), CompletionItem.Kind.RECORD, "record");
                case ENUM -> CompletionItem.of(s.name(), CompletionItem.Kind.ENUM, "enum");
                default -> CompletionItem.of(s.name(), CompletionItem.Kind.TOOL_ALIAS, members.toolDetail(s.name()));
            });
        }
        for (String f : Builtins.functions()) {
            boolean hidden = !inConstraint && members.cell(f) != null; // a cell of that name wins (lumen-v1 §6.1)
            if (!hidden && (!inConstraint || Builtins.isPure(f))) {
                out.add(CompletionItem.of(f, CompletionItem.Kind.FUNCTION, Builtins.signature(f).orElse(null)));
            }
        }
        for (String k : List.of("true", "false", "null")) {
            out.add(CompletionItem.of(k, CompletionItem.Kind.KEYWORD, null));
        }
        return out;
    }

    /** `@|` starting a statement of a cell: the lines of a parallel block (lumen-v1.md §8.11), after the `@`. */
    private List<CompletionItem> parallelLines(CursorContext cx) {
        if (!(enclosing(cx) instanceof Decl.Cell)) {
            return List.of();
        }
        return List.of(CompletionItem.of("parallel", CompletionItem.Kind.KEYWORD, "opens a block of calls made at once"),
                CompletionItem.of("end", CompletionItem.Kind.KEYWORD, "closes the @parallel block"));
    }

    private List<CompletionItem> keywords(CursorContext cx) {
        List<String> words = enclosing(cx) instanceof Decl.Cell ? STATEMENT_KEYWORDS : DECLARATION_KEYWORDS;
        return words.stream().map(w -> CompletionItem.of(w, CompletionItem.Kind.KEYWORD, null)).toList();
    }

    /** The top-level declaration whose span holds the cursor, as far as the document parses. */
    private Decl enclosing(CursorContext cx) {
        for (Decl d : model.document().parsed().program().decls()) {
            Span s = d.span();
            if (s.line() <= cx.line && cx.line <= s.endLine()) {
                return d;
            }
        }
        return null;
    }

    private List<CompletionItem> types() {
        List<CompletionItem> out = new ArrayList<>();
        for (Symbol s : model.topLevel()) {
            if (s.kind() == SymbolKind.RECORD || s.kind() == SymbolKind.ENUM) {
                out.add(CompletionItem.of(s.name(), CompletionItem.Kind.TYPE, s.kind().noun()));
            }
        }
        for (Type t : Builtins.types()) {
            out.add(CompletionItem.of(t.toString(), CompletionItem.Kind.TYPE, "built-in type"));
        }
        for (String c : Builtins.typeConstructors()) {
            out.add(CompletionItem.of(c, CompletionItem.Kind.TYPE, "type constructor"));
        }
        return out;
    }

    /** Whether the cursor is where a type is written: after `->` or `:` in a header, `schema`, `|`, `list[`. */
    private boolean inType(CursorContext cx, int start) {
        Token last = cx.last();
        Token first = cx.at(start);
        if (last == null || first == null) {
            return false;
        }
        int open = cx.openBracket();
        return switch (last.kind()) {
            case SCHEMA -> true;
            case ARROW -> first.kind() == TokenKind.CELL;
            case COLON -> first.kind() == TokenKind.CELL && open >= 0
                    || (first.kind() == TokenKind.LET && open < 0)
                    || (open < 0 && enclosing(cx) instanceof Decl.Record && cx.before.size() - start == 2)
                    || (open < 0 && cx.before.size() - start == 2 && cx.is(start, TokenKind.IDENT) && inTypedPattern(cx));
            case PIPE -> true;
            case LBRACKET, COMMA -> open >= 0 && cx.is(open, TokenKind.LBRACKET) && cx.is(open - 1, TokenKind.IDENT)
                    && Builtins.typeConstructors().contains(cx.before.get(open - 1).text());
            default -> false;
        };
    }

    /** `name: T ->` starts a match arm; a statement does not start with `name:`. */
    private boolean inTypedPattern(CursorContext cx) {
        return enclosing(cx) instanceof Decl.Cell;
    }

    // ---- record literals and calls -------------------------------------------------------------

    private List<CompletionItem> recordFields(String record, List<String> given) {
        RecordType type = members.record(record);
        if (type == null) {
            return List.of();
        }
        List<CompletionItem> out = new ArrayList<>();
        type.fields().forEach((name, t) -> {
            if (!given.contains(name)) {
                out.add(new CompletionItem(name, CompletionItem.Kind.FIELD, t.toString(), name + ": "));
            }
        });
        return out;
    }

    private boolean isToolCall(CursorContext cx, int open) {
        if (cx.is(open - 1, TokenKind.IDENT) && cx.is(open - 2, TokenKind.DOT)) {
            return true;
        }
        return cx.is(open - 1, TokenKind.IDENT) && model.topLevel(cx.before.get(open - 1).text())
                .filter(s -> s.kind() == SymbolKind.TOOL_ALIAS).isPresent();
    }

    /** The argument names of the call whose `(` is at {@code open}, those already given left out. */
    private List<CompletionItem> arguments(CursorContext cx, int open) {
        Set<String> given = new LinkedHashSet<>(cx.namesGiven(open));
        List<CompletionItem> out = new ArrayList<>();
        if (!cx.is(open - 1, TokenKind.IDENT) || cx.is(cx.statementStart(), TokenKind.CELL) && open == cx.statementStart() + 2) {
            return out;
        }
        String callee = cx.before.get(open - 1).text();
        if (cx.is(open - 2, TokenKind.DOT) && cx.is(open - 3, TokenKind.IDENT)) {
            for (McpField f : members.mcpArguments(cx.before.get(open - 3).text(), callee)) {
                if (!given.contains(f.name())) {
                    out.add(new CompletionItem(f.name(), CompletionItem.Kind.ARGUMENT, f.type().text()
                            + (f.required() ? "" : " (optional)"), f.name() + ": "));
                }
            }
            return out;
        }
        CellInfo cell = members.cell(callee);
        ToolAlias tool = members.tool(callee);
        if (cell != null) {
            cell.params().stream().filter(p -> !given.contains(p.name())).forEach(p -> out.add(
                    new CompletionItem(p.name(), CompletionItem.Kind.ARGUMENT, p.type().toString(), p.name() + ": ")));
        } else if (tool != null && tool.signature() != null && tool.signature().positional() == null) {
            tool.signature().inputs().forEach((name, type) -> {
                if (!given.contains(name)) {
                    out.add(new CompletionItem(name, CompletionItem.Kind.ARGUMENT, type
                            + (tool.signature().isOptional(name) ? " (optional)" : ""), name + ": "));
                }
            });
        }
        return out;
    }

    // ---- grants and directives -----------------------------------------------------------------

    /** `grant |` → tool aliases; `grant Alias |` → the clauses its manifest supports. */
    private List<CompletionItem> grant(CursorContext cx, int start) {
        int n = cx.before.size() - start;
        List<CompletionItem> out = new ArrayList<>();
        if (n == 1) {
            for (Symbol s : model.topLevel()) {
                if (s.kind() == SymbolKind.TOOL_ALIAS) {
                    out.add(CompletionItem.of(s.name(), CompletionItem.Kind.TOOL_ALIAS, members.toolDetail(s.name())));
                }
            }
            return out;
        }
        Token alias = cx.at(start + 1);
        Token last = cx.last();
        boolean atClause = last.kind() == TokenKind.IDENT && (last == alias || cx.is(cx.before.size() - 2, TokenKind.DOT))
                || last.kind() != TokenKind.IDENT && last.kind() != TokenKind.DOT;
        if (alias == null || !atClause || last.kind() == TokenKind.DOT) {
            return out;
        }
        ToolAlias tool = members.tool(alias.text());
        if (tool == null) {
            return out;
        }
        if (tool.isMcp()) {
            McpGrantClauses.NOT_PINS.forEach(c -> out.add(CompletionItem.of(c, CompletionItem.Kind.GRANT_CLAUSE, "grant clause")));
            if (cx.is(start + 2, TokenKind.DOT) && cx.is(start + 3, TokenKind.IDENT)) {
                for (McpField f : members.mcpArguments(alias.text(), cx.at(start + 3).text())) {
                    out.add(CompletionItem.of(f.name(), CompletionItem.Kind.GRANT_CLAUSE, "pins argument `" + f.name() + "`"));
                }
            }
        } else if (tool.manifest() != null) {
            for (Capability c : tool.manifest().capabilities()) {
                out.add(CompletionItem.of(c.clause(), CompletionItem.Kind.GRANT_CLAUSE, c.valueKind().description()));
            }
        }
        return out;
    }

    /** `@|` at the start of a line outside the fences: the directives. */
    private Completion directives(int line, int column) {
        SourceFile file = model.document().result().file();
        Span replace = Span.of(line, column, column);
        if (line < 1 || line > file.lineCount()) {
            return new Completion(replace, List.of());
        }
        String text = file.line(line);
        String typed = text.substring(0, Math.max(0, Math.min(text.length(), column - 1))).stripLeading();
        if (!typed.startsWith("@") || !typed.substring(1).chars().allMatch(Character::isLetter)) {
            return new Completion(replace, List.of());
        }
        replace = Span.of(line, column - typed.length(), column); // the `@` too: every candidate starts with it
        List<CompletionItem> out = new ArrayList<>();
        for (String d : DirectiveChecker.names()) {
            out.add(new CompletionItem("@" + d, CompletionItem.Kind.DIRECTIVE, "directive", "@" + d + " "));
        }
        return new Completion(replace, out);
    }

    private static String typeText(Type t) {
        return t == null || t.isError() ? null : t.toString();
    }

    /** The variants of an enum type as candidates. */
    static List<CompletionItem> variants(EnumType e) {
        return e.variants().stream().map(v -> CompletionItem.of(v, CompletionItem.Kind.VARIANT, e.name())).toList();
    }

    /** The tools of an MCP server as candidates. */
    static List<CompletionItem> tools(List<McpTool> tools) {
        return tools.stream().map(t -> CompletionItem.of(t.name(), CompletionItem.Kind.MCP_TOOL,
                t.description() == null || t.description().isBlank() ? "MCP tool" : t.description().strip().lines()
                        .findFirst().orElse(""))).toList();
    }
}
