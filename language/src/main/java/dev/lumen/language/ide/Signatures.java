package dev.lumen.language.ide;

import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.semantic.Builtins;
import dev.lumen.language.semantic.SemanticModel;
import dev.lumen.language.syntax.Token;
import dev.lumen.language.syntax.TokenKind;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.schema.McpField;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Signature help: the signature of the call whose parentheses hold the cursor, and the argument it is at. */
final class Signatures {
    private final SemanticModel model;
    private final Members members;

    Signatures(SemanticModel model) {
        this.model = model;
        this.members = new Members(model);
    }

    Optional<SignatureHelp> at(int line, int column) {
        CursorContext cx = CursorContext.at(model.document().document(), line, column);
        if (cx == null || cx.inText()) {
            return Optional.empty();
        }
        if (cx.word != null) {
            cx.before.add(cx.word);
        }
        int open = cx.openBracket();
        while (open >= 0 && !(cx.is(open, TokenKind.LPAREN) && cx.is(open - 1, TokenKind.IDENT))) {
            open = cx.openBracketBefore(open);
        }
        if (open < 0 || cx.is(cx.statementStart(), TokenKind.CELL) && open == cx.statementStart() + 2) {
            return Optional.empty();
        }
        String callee = cx.before.get(open - 1).text();
        Signature sig = cx.is(open - 2, TokenKind.DOT) && cx.is(open - 3, TokenKind.IDENT)
                ? mcp(cx.before.get(open - 3).text(), callee) : named(callee);
        if (sig == null) {
            return Optional.empty();
        }
        int active = active(cx, open, sig);
        return Optional.of(new SignatureHelp(sig.label(), sig.parameters(), active, sig.doc()));
    }

    private record Signature(String label, List<String> parameters, List<String> names, String doc) {
    }

    /** The parameter the cursor is at: the one named by a `name:` argument, else by position. */
    private static int active(CursorContext cx, int open, Signature sig) {
        int argStart = open + 1;
        int depth = 0;
        for (int i = open + 1; i < cx.before.size(); i++) {
            switch (cx.before.get(i).kind()) {
                case LPAREN, LBRACKET, LBRACE -> depth++;
                case RPAREN, RBRACKET, RBRACE -> depth--;
                case COMMA -> {
                    if (depth == 0) {
                        argStart = i + 1;
                    }
                }
                default -> {
                }
            }
        }
        Token first = cx.at(argStart);
        if (first != null && first.kind() == TokenKind.IDENT && cx.is(argStart + 1, TokenKind.COLON)) {
            return sig.names().indexOf(first.text());
        }
        int position = cx.commasAfter(open);
        return position < sig.parameters().size() ? position : -1;
    }

    private Signature named(String callee) {
        CellInfo cell = members.cell(callee);
        if (cell != null) {
            List<String> params = cell.params().stream().map(p -> p.name() + ": " + p.type()).toList();
            return new Signature(members.signature(callee), params, cell.params().stream().map(p -> p.name()).toList(),
                    null);
        }
        ToolAlias tool = members.tool(callee);
        if (tool != null && tool.signature() != null) {
            List<String> params = new ArrayList<>();
            List<String> names = new ArrayList<>();
            tool.signature().inputs().forEach((name, type) -> {
                params.add(name + ": " + type);
                names.add(name);
            });
            String label = callee + "(" + String.join(", ", params) + ") -> " + tool.signature().output();
            return new Signature(label, params, names, tool.manifest() == null ? null : tool.manifest().description());
        }
        Optional<String> builtin = Builtins.signature(callee);
        if (builtin.isPresent()) {
            List<String> params = builtinParameters(builtin.get());
            List<String> names = params.stream().map(p -> p.contains(":") ? p.substring(0, p.indexOf(':')) : p).toList();
            return new Signature(builtin.get(), params, names, Builtins.doc(callee).orElse(null));
        }
        return null;
    }

    private Signature mcp(String alias, String tool) {
        Optional<McpTool> t = members.mcpTool(alias, tool);
        if (t.isEmpty()) {
            return null;
        }
        McpToolSchema schema = McpToolSchema.of(t.get());
        List<String> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (McpField f : schema.arguments()) {
            params.add(f.name() + ": " + f.type().text());
            names.add(f.name());
        }
        String label = alias + "." + tool + "(" + String.join(", ", params) + ") -> " + schema.output().text();
        return new Signature(label, params, names, t.get().description());
    }

    /** The parameters of a documented signature: the text between its first `(` and the matching `)`, split at commas. */
    static List<String> builtinParameters(String signature) {
        int open = signature.indexOf('(');
        List<String> out = new ArrayList<>();
        if (open < 0) {
            return out;
        }
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < signature.length(); i++) {
            char c = signature.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ')' || (c == ',' && depth == 0)) {
                String p = signature.substring(start, i).strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
                if (c == ')') {
                    break;
                }
                start = i + 1;
            }
        }
        return out;
    }
}
