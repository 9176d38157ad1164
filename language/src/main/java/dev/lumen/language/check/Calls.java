package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.schema.McpField;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls: of cells (positional or named arguments), intrinsics, `ok`/`err`, native tools through their alias
 * and MCP tools as `Alias.tool`. Tools must be granted (E0041) and cannot be called from `where` (E0026).
 */
final class Calls {
    private final ExprChecker ex;
    private final Context cx;
    private final IntrinsicChecker intrinsics;
    /** Tool targets already reported as ungranted, so each missing grant is reported once. */
    private static final String UNGRANTED = "ungranted";

    Calls(ExprChecker ex) {
        this.ex = ex;
        this.cx = ex.cx;
        this.intrinsics = new IntrinsicChecker(ex);
    }

    Type call(Expr.Call c, Type expected) {
        Type t = dispatch(c, expected);
        CallTarget target = cx.out.calls.get(c);
        if (!(target instanceof CallTarget.ResultConstructor)
                && !(target instanceof CallTarget.Intrinsic in && in.intrinsic().pure())) {
            ex.effectfulCalls++;
        }
        return t;
    }

    private Type dispatch(Expr.Call c, Type expected) {
        if (c.callee() instanceof Expr.Name n) {
            return named(c, n.name(), expected);
        }
        if (c.callee() instanceof Expr.Field f && f.target() instanceof Expr.Name n
                && ex.scope.lookup(n.name().name()) == null && cx.symbols.tool(n.name().name()) != null) {
            return mcp(c, cx.symbols.tool(n.name().name()), f.field());
        }
        if (c.callee() instanceof Expr.Field f && Intrinsics.find(f.field().name()) != null) {
            Type target = ex.infer(f.target());
            if (!target.isError()) {
                String x = SourceText.or(f.target(), "…");
                List<String> args = new ArrayList<>();
                args.add(x);
                c.args().forEach(a -> args.add(SourceText.or(a.value(), "…")));
                cx.report(Diagnostic.error(Code.E0019, f.field().span(), "`" + f.field().name()
                                + "` is a built-in function, not a method")
                        .label("Lumen has no methods")
                        .help("call it with the value as its first argument: `" + f.field().name() + "("
                                + String.join(", ", args) + ")`"));
            }
            looseArgs(c);
            return Type.ERROR;
        }
        Type t = ex.infer(c.callee());
        if (!t.isError()) {
            cx.report(Diagnostic.error(Code.E0019, c.callee().span(), "a value of type `" + t + "` cannot be called")
                    .label("not a cell, built-in function or tool")
                    .note("only cells, built-in functions and tools are called; Lumen has no methods or function "
                            + "values"));
        }
        looseArgs(c);
        return Type.ERROR;
    }

    private void looseArgs(Expr.Call c) {
        for (Expr.Arg a : c.args()) {
            ex.inferLoose(a.value());
        }
    }

    private Type named(Expr.Call c, Ident name, Type expected) {
        String n = name.name();
        if (n.equals("ok") || n.equals("err")) {
            return result(c, n.equals("ok"), expected);
        }
        CellInfo cell = cx.symbols.cell(n);
        if (cell != null && !(ex.inConstraint() && Intrinsics.find(n) != null)) { // no cells in `where` (§6.6)
            if (ex.inConstraint()) {
                return forbiddenInConstraint(c, "cell `" + n + "`");
            }
            cx.out.calls.put(c, new CallTarget.Cell(cell));
            return cell(c, cell);
        }
        IntrinsicDef in = Intrinsics.find(n);
        if (in != null) {
            if (ex.inConstraint() && !in.pure()) {
                return forbiddenInConstraint(c, "`" + n + "()`");
            }
            cx.out.calls.put(c, new CallTarget.Intrinsic(in));
            if (!in.pure() && ex.cell != null) {
                ex.cell.markCallsTools();
            }
            return intrinsics.call(c, in, expected);
        }
        ToolAlias tool = cx.symbols.tool(n);
        if (tool != null) {
            if (ex.inConstraint()) {
                return forbiddenInConstraint(c, "tool `" + n + "`");
            }
            if (tool.isMcp()) {
                cx.report(Diagnostic.error(Code.E0019, name.span(), "`" + n + "` is an MCP server, not a tool")
                        .label("call one of its tools")
                        .help("call a tool of the server: `" + n + ".<tool>(…)`"));
                looseArgs(c);
                return Type.ERROR;
            }
            return nativeTool(c, tool);
        }
        Binding local = ex.scope.lookup(n);
        Diagnostic.Builder d;
        if (local != null) {
            local.markRead();
            d = Diagnostic.error(Code.E0019, name.span(), "`" + n + "` is a value of type `" + local.type() + "`, not a cell")
                    .label("not callable")
                    .secondary(local.ident().span(), "`" + n + "` is declared here");
        } else if (cx.symbols.dropped(n, Decl.Cell.class) || cx.symbols.dropped(n, Decl.UseTool.class)) {
            // The cell or tool alias of that name was dropped as a redefinition, which was reported.
            looseArgs(c);
            return Type.ERROR;
        } else if (cx.symbols.record(n) != null) {
            d = Diagnostic.error(Code.E0019, name.span(), "`" + n + "` is a record type, not a cell")
                    .label("not callable")
                    .help("build a record with braces: `" + n + " { field: value, … }`");
        } else if (cx.symbols.enumeration(n) != null) {
            d = Diagnostic.error(Code.E0019, name.span(), "`" + n + "` is an enum, not a cell")
                    .label("not callable");
        } else {
            d = Diagnostic.error(Code.E0013, name.span(), "cannot find cell or built-in function `" + n + "`")
                    .label("not found");
            List<String> candidates = new ArrayList<>(cx.symbols.cells.keySet());
            candidates.addAll(Intrinsics.names());
            candidates.addAll(cx.symbols.tools.keySet());
            candidates.add("halt");
            if (!Names.suggest(d, n, candidates)) {
                if (n.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                    d.help("JSON text is parsed by the `json.parse` tool (`use tool json.parse as ParseJson`), "
                            + "or validated directly with `text expect schema T`");
                } else {
                    d.help("declare it with `cell " + n + "(…)` … `end`");
                }
            }
        }
        cx.report(d);
        looseArgs(c);
        return Type.ERROR;
    }

    private Type forbiddenInConstraint(Expr.Call c, String what) {
        cx.report(Diagnostic.error(Code.E0026, c.span(), "`where` constraints cannot call " + what)
                .label("not allowed in a constraint")
                .note("constraints run during validation and must be pure: they may use the record's fields, "
                        + "literals, operators and pure built-in functions such as `length` and `matches`"));
        looseArgs(c);
        return Type.ERROR;
    }

    // ---- ok / err ----------------------------------------------------------------------------

    private Type result(Expr.Call c, boolean ok, Type expected) {
        cx.out.calls.put(c, new CallTarget.ResultConstructor(ok));
        String n = ok ? "ok" : "err";
        if (c.args().size() != 1 || c.args().get(0).name() != null) {
            cx.report(Diagnostic.error(Code.E0017, c.span(), "`" + n + "` takes exactly one value")
                    .label(c.args().isEmpty() ? "missing value" : "found " + Names.plural(c.args().size(),
                            "argument", "arguments"))
                    .help("write `" + n + "(value)`"));
            looseArgs(c);
            return Type.ERROR;
        }
        Expr arg = c.args().get(0).value();
        Type.ResultType r = expected == null ? null : ExprChecker.shape(expected, Type.ResultType.class);
        if (r == null) {
            Type inner = ex.inferLoose(arg);
            if (expected != null && expected.isError()) {
                return Type.ERROR;
            }
            Diagnostic.Builder d = Diagnostic.error(Code.E0025, c.span(), "cannot infer the type of `" + n + "(…)`")
                    .label("the " + (ok ? "error" : "success") + " type is unknown here");
            if (expected != null) {
                d.note("the value is expected to be " + Names.a(expected) + ", which is not a `result`");
            } else {
                String example = ok ? "result[" + (inner.isError() ? "T" : inner) + ", E]"
                        : "result[T, " + (inner.isError() ? "E" : inner) + "]";
                d.help("give the value a type, e.g. `let r: " + example + " = " + SourceText.or(c, n + "(…)") + "`");
            }
            cx.report(d);
            return Type.ERROR;
        }
        ex.check(arg, ok ? r.ok() : r.err());
        return r;
    }

    // ---- cells -------------------------------------------------------------------------------

    private Type cell(Expr.Call c, CellInfo cell) {
        List<Binding> params = cell.params();
        Expr[] bound = new Expr[params.size()];
        Set<Expr.Arg> bad = new HashSet<>();
        boolean named = false;
        int position = 0;
        String signature = signature(cell);
        for (Expr.Arg a : c.args()) {
            if (a.name() == null) {
                if (named) {
                    cx.report(Diagnostic.error(Code.E0018, a.value().span(), "positional argument after a named one")
                            .label("positional argument")
                            .help("put positional arguments first, or name this one"));
                    bad.add(a);
                    continue;
                }
                if (position >= params.size()) {
                    bad.add(a);
                    position++;
                    continue;
                }
                bound[position++] = a.value();
                continue;
            }
            named = true;
            int index = -1;
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).name().equals(a.name().name())) {
                    index = i;
                }
            }
            if (index < 0) {
                Diagnostic.Builder d = Diagnostic.error(Code.E0018, a.name().span(),
                                "cell `" + cell.name() + "` has no parameter named `" + a.name().name() + "`")
                        .label("unknown parameter");
                if (!Names.suggest(d, a.name().name(), params.stream().map(Binding::name).toList())) {
                    d.help(params.isEmpty() ? "`" + cell.name() + "` takes no arguments" : "the cell is `" + signature + "`");
                }
                cx.report(d);
                bad.add(a);
            } else if (bound[index] != null) {
                cx.report(Diagnostic.error(Code.E0018, a.name().span(),
                                "argument `" + a.name().name() + "` is given more than once")
                        .label("given again here")
                        .secondary(bound[index].span(), "first given here"));
                bad.add(a);
            } else {
                bound[index] = a.value();
            }
        }
        if (position > params.size()) {
            List<Expr.Arg> extra = c.args().stream().filter(a -> a.name() == null).toList()
                    .subList(params.size(), position);
            Span span = extra.get(0).value().span().to(extra.get(extra.size() - 1).value().span());
            cx.report(Diagnostic.error(Code.E0017, span, "cell `" + cell.name() + "` takes "
                            + Names.plural(params.size(), "argument", "arguments") + " but " + position + " were given")
                    .label(extra.size() == 1 ? "unexpected argument" : "unexpected arguments")
                    .secondary(cell.decl().name().span(), "cell defined here")
                    .help("the cell is `" + signature + "`"));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (bound[i] == null) {
                missing.add(params.get(i).name() + ": " + params.get(i).type());
            }
        }
        boolean misnamed = bad.stream().anyMatch(a -> a.name() != null);
        if (!missing.isEmpty() && !misnamed) {
            long given = c.args().stream().filter(a -> !bad.contains(a)).count();
            cx.report(Diagnostic.error(Code.E0017, c.span(), "cell `" + cell.name() + "` takes "
                            + Names.plural(params.size(), "argument", "arguments") + " but " + given
                            + (given == 1 ? " was" : " were") + " given")
                    .label("missing " + Names.quotedList(missing))
                    .secondary(cell.decl().name().span(), "cell defined here")
                    .help("the cell is `" + signature + "`"));
        }
        for (Expr.Arg a : c.args()) {
            if (bad.contains(a)) {
                ex.inferLoose(a.value());
            }
        }
        for (int i = 0; i < params.size(); i++) {
            if (bound[i] != null) {
                Binding p = params.get(i);
                ex.check(bound[i], p.type(), new Mismatch.Reason(p.ident().span(),
                        "parameter `" + p.name() + "` of `" + cell.name() + "` is declared here"));
            }
        }
        return cell.returnType();
    }

    static String signature(CellInfo cell) {
        List<String> ps = cell.params().stream().map(p -> p.name() + ": " + p.type()).toList();
        Decl.Cell d = cell.decl();
        return cell.name() + "(" + String.join(", ", ps) + ")" + (d.returns() == null ? "" : " -> " + cell.returnType());
    }

    // ---- tools -------------------------------------------------------------------------------

    /**
     * `repair(schema T, value, errors, via Chat)` (lumen-v1.md §10.5): a call of the `llm.chat` import {@code via}
     * (E0063 otherwise, E0041 without a grant), of a String or Json value (E0033) and a ValidationError (E0012);
     * its value is {@code result[T, ValidationError]}.
     */
    Type repair(Expr.Repair r) {
        Type schema = cx.types.resolve(r.schema());
        Type value = ex.infer(r.value());
        ex.jsonSource(r.value(), value, "`repair`", schema);
        ex.check(r.errors(), RecordType.VALIDATION_ERROR);
        String alias = r.via().name();
        ToolAlias tool = cx.symbols.tool(alias);
        if (ex.inConstraint()) {
            cx.report(Diagnostic.error(Code.E0026, r.span(), "`where` constraints cannot call `repair`")
                    .label("not allowed in a constraint")
                    .note("`repair` asks a model, and constraints must be pure"));
        } else if (tool == null || !"llm.chat".equals(tool.toolId())) {
            Binding local = ex.scope.lookup(alias);
            if (local != null) {
                local.markRead();
            }
            cx.report(Diagnostic.error(Code.E0063, r.via().span(), "`repair` asks a model, and `" + alias
                            + "` is not an `llm.chat` import")
                    .label(tool != null ? "`" + alias + "` is `" + (tool.isMcp() ? "an MCP server" : tool.toolId()) + "`"
                            : "not a tool alias")
                    .help("import a model and name its alias: `use tool llm.chat as Chat`, then `via Chat`"));
        } else {
            if (ex.cell != null) {
                ex.cell.markCallsTools();
            }
            ex.effectfulCalls++;
            granted(tool, "", r.via().span());
        }
        return Type.result(schema, RecordType.VALIDATION_ERROR);
    }

    private boolean granted(ToolAlias tool, String target, Span at) {
        if (tool.isGranted(target)) {
            if (!target.isEmpty()) {
                tool.calledTool(target);
            }
            return true;
        }
        if (tool.hasMisspeltGrant(target)) {
            return false;
        }
        if (!target.isEmpty() && !tool.wholeServerGrants().isEmpty()
                && Names.closest(target, tool.grants().keySet()).isEmpty()) {
            // `grant Alias …` without a tool: its E0042 names this tool.
            tool.calledTool(target);
            return false;
        }
        String key = UNGRANTED + ":" + tool.alias() + "." + target;
        if (cx.reportedOnce.add(key)) {
            String who = target.isEmpty() ? tool.alias() : tool.alias() + "." + target;
            String example;
            if (target.isEmpty() && tool.manifest() != null) {
                example = "grant " + who + exampleClauses(tool);
            } else {
                example = "grant " + who + " timeout_ms 10000";
            }
            Diagnostic.Builder d = Diagnostic.error(Code.E0041, at, "tool `" + who + "` is called without a grant")
                    .label("no `grant " + who + "` in this document")
                    .secondary(tool.decl().span(), "imported here")
                    .note("a tool runs only with the capabilities a `grant` gives it");
            if (!target.isEmpty()) {
                Names.closest(target, tool.grants().keySet())
                        .ifPresent(t -> d.help("did you mean `" + tool.alias() + "." + t + "`?"));
            }
            cx.report(d.help("grant it after its `use tool` line: `" + example + "`"));
        }
        return false;
    }

    private static String exampleClauses(ToolAlias tool) {
        String id = tool.toolId();
        if (id.startsWith("http.")) {
            return " domain \"api.example.com\" timeout_ms 5000";
        }
        if (id.startsWith("llm.")) {
            return " model \"claude-sonnet-4-20250514\" max_tokens 2000";
        }
        if (id.startsWith("fs.")) {
            return " path \"./data\"";
        }
        return "";
    }

    private Type nativeTool(Expr.Call c, ToolAlias tool) {
        if (ex.cell != null) {
            ex.cell.markCallsTools();
        }
        cx.out.calls.put(c, new CallTarget.Tool(tool));
        if (!tool.resolved()) {
            looseArgs(c);
            return Type.ERROR;
        }
        granted(tool, "", c.callee().span());
        ToolAlias.Signature sig = tool.signature();
        String alias = tool.alias();
        if (sig.positional() != null) {
            return positionalTool(c, tool, sig);
        }
        Map<String, Expr> given = new LinkedHashMap<>();
        boolean misnamed = false;
        List<Expr.Arg> positional = c.args().stream().filter(a -> a.name() == null).toList();
        if (!positional.isEmpty()) {
            List<String> required = sig.inputs().keySet().stream().filter(i -> !sig.isOptional(i)).toList();
            String fix;
            if (positional.size() <= required.size()) {
                List<String> args = new ArrayList<>();
                for (int i = 0; i < positional.size(); i++) {
                    args.add(required.get(i) + ": " + SourceText.or(positional.get(i).value(), "…"));
                }
                fix = "name the arguments: `" + alias + "(" + String.join(", ", args) + ")`";
            } else {
                fix = "`" + tool.toolId() + "` takes " + Names.quotedList(sig.inputs().keySet());
            }
            cx.report(Diagnostic.error(Code.E0018, positional.get(0).value().span(), "tool arguments are named")
                    .label("argument without a name")
                    .help(fix));
            positional.forEach(a -> ex.inferLoose(a.value()));
        }
        for (Expr.Arg a : c.args()) {
            if (a.name() == null) {
                continue;
            }
            String n = a.name().name();
            Type t = sig.inputs().get(n);
            if (t == null) {
                Diagnostic.Builder d = Diagnostic.error(Code.E0018, a.name().span(),
                                "tool `" + alias + "` (`" + tool.toolId() + "`) has no input named `" + n + "`")
                        .label("unknown input");
                if (!Names.suggest(d, n, sig.inputs().keySet())) {
                    d.help("`" + tool.toolId() + "` takes " + Names.quotedList(sig.inputs().keySet()));
                }
                cx.report(d);
                ex.inferLoose(a.value());
                misnamed = true;
                continue;
            }
            if (given.containsKey(n)) {
                cx.report(Diagnostic.error(Code.E0018, a.name().span(), "input `" + n + "` is given more than once")
                        .label("given again here")
                        .secondary(given.get(n).span(), "first given here"));
                ex.inferLoose(a.value());
                misnamed = true;
                continue;
            }
            given.put(n, a.value());
            ex.check(a.value(), t);
        }
        List<String> missing = sig.inputs().keySet().stream()
                .filter(i -> !sig.isOptional(i) && !given.containsKey(i)).toList();
        if (!missing.isEmpty() && positional.isEmpty() && !misnamed) {
            String fix = String.join(", ", missing.stream().map(m -> m + ": …").toList());
            cx.report(Diagnostic.error(Code.E0017, c.span(), "tool `" + alias + "` is missing "
                            + (missing.size() == 1 ? "input " : "inputs ") + Names.quotedList(missing))
                    .label("missing " + Names.quotedList(missing.stream().map(m -> m + ": "
                            + sig.inputs().get(m)).toList()))
                    .help("add " + (missing.size() == 1 ? "it" : "them") + ": `" + fix + "`"));
        }
        return sig.output();
    }

    /** A tool whose positional arguments form one list input: llm.chat's role messages. */
    private Type positionalTool(Expr.Call c, ToolAlias tool, ToolAlias.Signature sig) {
        Type listType = sig.inputs().get(sig.positional());
        Type element = listType instanceof Type.ListType l ? l.element() : Type.ERROR;
        String alias = tool.alias();
        boolean any = false;
        for (Expr.Arg a : c.args()) {
            if (a.name() != null) {
                cx.report(Diagnostic.error(Code.E0018, a.name().span(), "tool `" + alias + "` takes "
                                + sig.positional() + " in order, not named arguments")
                        .label("named argument")
                        .help(element.equals(dev.lumen.language.types.RecordType.ROLE_TEXT)
                                ? "pass role messages: `" + alias + "(role system: …, role user: …)`; set the model "
                                + "and limits with `grant " + alias + " …`"
                                : "pass the values without names"));
                ex.inferLoose(a.value());
                continue;
            }
            any = true;
            ex.check(a.value(), element);
        }
        if (!any && c.args().isEmpty()) {
            cx.report(Diagnostic.error(Code.E0017, c.span(), "tool `" + alias + "` needs at least one "
                            + (element.equals(dev.lumen.language.types.RecordType.ROLE_TEXT) ? "role message" : "argument"))
                    .label("no arguments")
                    .help("e.g. `" + alias + "(role user: \"Hello\")`"));
        }
        return sig.output();
    }

    private Type mcp(Expr.Call c, ToolAlias tool, Ident toolName) {
        String alias = tool.alias();
        if (ex.inConstraint()) {
            return forbiddenInConstraint(c, "tool `" + alias + "." + toolName.name() + "`");
        }
        if (ex.cell != null) {
            ex.cell.markCallsTools();
        }
        if (!tool.isMcp()) {
            cx.report(Diagnostic.error(Code.E0019, toolName.span(), "`" + alias + "` is the native tool `"
                            + tool.toolId() + "`, which has no tools to name")
                    .label("not an MCP tool")
                    .help("call the tool itself: `" + alias + "(…)`"));
            looseArgs(c);
            return Type.ERROR;
        }
        cx.out.calls.put(c, new CallTarget.McpTool(tool, toolName.name()));
        granted(tool, toolName.name(), c.callee().span());
        Map<String, Expr.Arg> given = new LinkedHashMap<>();
        for (Expr.Arg a : c.args()) {
            if (a.name() == null) {
                cx.report(Diagnostic.error(Code.E0018, a.value().span(), "MCP tool arguments are named")
                        .label("argument without a name")
                        .help("name it after the tool's input, e.g. `" + alias + "." + toolName.name() + "(name: "
                                + SourceText.or(a.value(), "…") + ")`"));
                ex.infer(a.value());
            } else if (given.containsKey(a.name().name())) {
                cx.report(Diagnostic.error(Code.E0018, a.name().span(), "input `" + a.name().name()
                                + "` is given more than once")
                        .label("given again here")
                        .secondary(given.get(a.name().name()).value().span(), "first given here"));
                ex.infer(a.value());
            } else {
                given.put(a.name().name(), a);
            }
        }
        McpToolSchema schema = tool.server().map(s -> mcpSchema(s, alias, toolName)).orElse(null);
        if (schema == null) { // the server's tools are not known: the arguments are not checked (lumen-v1.md §12.5)
            given.values().forEach(a -> ex.infer(a.value()));
            // After E0048/E0049 at the `use tool` line, the call's type is unknown rather than Json, so that
            // what follows from it is not reported as well.
            return tool.serverReported() ? Type.ERROR : Type.JSON;
        }
        Map<String, McpField> fields = new LinkedHashMap<>();
        schema.arguments().forEach(f -> fields.put(f.name(), f));
        boolean misnamed = false;
        for (Expr.Arg a : given.values()) {
            McpField field = fields.get(a.name().name());
            if (field == null) {
                Diagnostic.Builder d = Diagnostic.error(Code.E0018, a.name().span(), "MCP tool `" + alias + "."
                        + toolName.name() + "` has no argument named `" + a.name().name() + "`").label("unknown argument");
                if (!Names.suggest(d, a.name().name(), fields.keySet())) {
                    d.help("`" + toolName.name() + "` takes " + (fields.isEmpty() ? "no arguments" : Names.quotedList(fields.keySet())));
                }
                cx.report(d);
                ex.inferLoose(a.value());
                misnamed = true;
                continue;
            }
            Type type = McpTypes.argument(field.type());
            if (type == null) {
                ex.infer(a.value());
            } else {
                ex.check(a.value(), type);
            }
            checkAllowed(a, field, alias + "." + toolName.name());
        }
        List<String> missing = fields.values().stream().filter(f -> f.required() && !given.containsKey(f.name()))
                .map(McpField::name).toList();
        if (!missing.isEmpty() && !misnamed) {
            cx.report(Diagnostic.error(Code.E0017, c.span(), "MCP tool `" + alias + "." + toolName.name()
                            + "` is missing " + (missing.size() == 1 ? "argument " : "arguments ") + Names.quotedList(missing))
                    .label("missing " + Names.quotedList(missing.stream()
                            .map(m -> m + ": " + fields.get(m).type().lumen()).toList()))
                    .help("add " + (missing.size() == 1 ? "it" : "them") + ": `"
                            + String.join(", ", missing.stream().map(m -> m + ": …").toList()) + "`"));
        }
        Type result = McpTypes.result(schema);
        tool.mcpOutput(toolName.name(), result);
        return result;
    }

    /** A string literal given for an argument whose schema lists its values (`enum`) must be one of them (E0012). */
    private void checkAllowed(Expr.Arg arg, McpField field, String tool) {
        List<String> allowed = field.type().allowed();
        if (allowed.isEmpty() || !(arg.value() instanceof Expr.Str str) || str.parts().size() != 1
                || !(str.parts().getFirst() instanceof Expr.Text text) || allowed.contains(text.text())) {
            return;
        }
        Diagnostic.Builder d = Diagnostic.error(Code.E0012, arg.value().span(), "argument `" + field.name() + "` of MCP tool `"
                + tool + "` is not one of the values its schema allows").label("not one of " + Names.quotedList(allowed));
        if (!Names.suggest(d, text.text(), allowed)) {
            d.help("write one of " + Names.quotedList(allowed));
        }
        cx.report(d);
    }

    /** The typing of {@code toolName} from its server's recorded manifest; E0040 when the server has no such tool. */
    private McpToolSchema mcpSchema(McpServerManifest server, String alias, Ident toolName) {
        for (McpTool t : server.tools()) {
            if (t.name().equals(toolName.name())) {
                return McpToolSchema.of(t);
            }
        }
        List<String> names = server.tools().stream().map(McpTool::name).toList();
        String serverName = "`" + server.identity().name() + "`";
        Diagnostic.Builder d = Diagnostic.error(Code.E0040, toolName.span(), "unknown tool `" + toolName.name()
                + "` of MCP server `" + alias + "`")
                .label(names.isEmpty() ? serverName + " offers no tools" : serverName + " has no tool of this name");
        Optional<String> closest = Names.closest(toolName.name(), names);
        if (names.isEmpty()) {
            // a server without the tools capability: nothing to suggest
        } else if (closest.isEmpty()) {
            d.help("its tools are " + Names.quotedList(names));
        } else if (Names.isIdentifier(closest.get())) {
            Names.didYouMean(d, toolName.name(), closest.get());
        } else {
            d.help("did you mean `" + closest.get() + "`? a name that is not an identifier is written between "
                    + "backticks: " + alias + ".`" + closest.get() + "`(…)");
        }
        d.note("the tools are those the lock file recorded; run `lumen lock` again if the server changed");
        cx.report(d);
        return null;
    }
}
