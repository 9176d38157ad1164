package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.Span;
import dev.lumen.runtime.json.JsonPointer;
import dev.lumen.runtime.mcp.AuthorizationClauses;
import dev.lumen.runtime.mcp.McpCaching;
import dev.lumen.runtime.mcp.McpGrantClauses;
import dev.lumen.runtime.mcp.McpServerClause;
import dev.lumen.runtime.mcp.McpServerGrant;
import dev.lumen.runtime.policy.Redaction;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.Window;
import dev.lumen.runtime.tools.Capability;
import dev.lumen.runtime.tools.GrantValues;
import dev.lumen.runtime.tools.ToolManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks `grant` lines: the target must be an imported alias (E0042), each clause one the tool's manifest
 * supports (E0043), with a value of the right kind (E0044), given once unless it is an allowlist (E0045).
 * Several grant lines for one target accumulate.
 */
final class GrantChecker {
    /** The tool a server grant's `sampling` clause names an import of. */
    private static final String LLM_CHAT = "llm.chat";

    private final Context cx;
    /** Where each non-repeatable clause was first given, per alias and target. */
    private final Map<String, Span> firstClause = new HashMap<>();
    /** The `sampling` clauses of server grants, checked once every grant is known. */
    private final List<Decl.GrantClause> sampling = new ArrayList<>();

    private GrantChecker(Context cx) {
        this.cx = cx;
    }

    static void check(Program program, Context cx) {
        GrantChecker g = new GrantChecker(cx);
        for (Decl d : program.decls()) {
            if (d instanceof Decl.Grant grant) {
                g.grant(grant);
            }
        }
        g.sampling.forEach(g::samplingAlias);
    }

    /**
     * A server grant's `sampling "Chat"` names an imported `llm.chat` alias that has a grant: the server's
     * requests are answered by calls of that alias under its grant (E0054).
     */
    private void samplingAlias(Decl.GrantClause c) {
        String name = (String) c.values().get(0).value();
        ToolAlias chat = cx.symbols.tool(name);
        if (chat != null && LLM_CHAT.equals(chat.toolId()) && chat.isGranted("")) {
            return;
        }
        if (chat == null && cx.symbols.dropped(name, Decl.UseTool.class)) {
            return; // its `use tool` line was reported
        }
        List<String> chats = cx.symbols.tools.values().stream().filter(t -> LLM_CHAT.equals(t.toolId()))
                .map(ToolAlias::alias).toList();
        List<String> granted = cx.symbols.tools.values().stream()
                .filter(t -> LLM_CHAT.equals(t.toolId()) && t.isGranted("")).map(ToolAlias::alias).toList();
        String nameGranted = granted.isEmpty()
                ? "import a model and grant it: `use tool llm.chat as Chat` and `grant Chat model \"…\"`"
                : "name " + (granted.size() == 1 ? "" : "one of ") + Names.quotedList(granted);
        Diagnostic.Builder d = Diagnostic.error(Code.E0054, c.values().get(0).span(),
                "`sampling` names `" + name + "`, which is not a granted `" + LLM_CHAT + "` import");
        if (chat == null) {
            d.label("no tool is imported as `" + name + "`");
            d.help(Names.closest(name, chats).map(n -> "did you mean `" + n + "`?").orElse(nameGranted));
        } else if (!LLM_CHAT.equals(chat.toolId())) {
            d.label("`" + name + "` is " + (chat.isMcp() ? "an MCP server" : "`" + chat.toolId() + "`")
                    + ", not a model");
            d.help(nameGranted);
        } else {
            d.label("`" + name + "` has no grant");
            d.help("grant the model the server may use: `grant " + name + " model \"…\"`");
        }
        d.note("the server's sampling requests are answered by calls of that alias, under its own grant");
        cx.report(d);
    }

    private void grant(Decl.Grant grant) {
        String aliasName = grant.alias().name();
        ToolAlias alias = cx.symbols.tool(aliasName);
        if (alias == null) {
            if (!cx.symbols.dropped(aliasName, Decl.UseTool.class)) {
                unknownAlias(grant);
            }
            return;
        }
        if (alias.isMcp()) {
            if (grant.tool() == null) {
                serverGrant(alias, grant);
                return;
            }
            String target = grant.tool().name();
            alias.grant(target, grant.span());
            for (Decl.GrantClause c : grant.clauses()) {
                mcpClause(alias, target, c);
            }
            return;
        }
        if (grant.tool() != null) {
            cx.report(Diagnostic.error(Code.E0042, grant.alias().span().to(grant.tool().span()),
                            "`" + aliasName + "` is the native tool `" + alias.toolId() + "`, which has no tools to name")
                    .label("`." + grant.tool().name() + "` names a tool of an MCP server")
                    .help("grant the native tool as a whole: `grant " + aliasName + " …`"));
            return;
        }
        alias.grant("", grant.span());
        if (!alias.resolved()) {
            return;
        }
        for (Decl.GrantClause c : grant.clauses()) {
            nativeClause(alias, c);
        }
    }

    /**
     * `grant Alias …` on an MCP alias: its server clauses (McpServerClause) grant the session with the server.
     * Any other clause belongs to the grant of a tool, and is reported by {@link #finish}, as is a grant with
     * no clause at all.
     */
    private void serverGrant(ToolAlias alias, Decl.Grant grant) {
        List<Decl.GrantClause> toolClauses = new ArrayList<>();
        for (Decl.GrantClause c : grant.clauses()) {
            McpServerClause clause = McpServerClause.byClause(c.key().name()).orElse(null);
            if (clause == null) {
                toolClauses.add(c);
            } else if (value(c, Capability.ValueKind.STRING, clause.clause()) && serverValue(clause, c)
                    && (clause.repeatable() || !repeated(alias, "", c))) {
                alias.grant("", grant.span());
                alias.addClause("", new ToolAlias.GrantedClause(clause.clause(), null, values(c), c.span()));
                if (clause == McpServerClause.SAMPLING) {
                    sampling.add(c);
                }
            }
        }
        if (grant.clauses().isEmpty() || !toolClauses.isEmpty()) {
            // Reported by finish(), whose help names the tools the document calls.
            alias.addWholeServerGrant(new Decl.Grant(grant.alias(), null, toolClauses, grant.span()));
        }
    }

    /** A server clause's value is one it lists, if it lists any, or else of the form it takes (E0044). */
    private boolean serverValue(McpServerClause clause, Decl.GrantClause c) {
        String value = (String) c.values().get(0).value();
        String problem = null;
        String help = null;
        if (!clause.allowed().isEmpty() && !clause.allowed().contains(value)) {
            problem = "not one of the values `" + clause.clause() + "` takes";
            help = Names.closest(value, clause.allowed()).map(v -> "did you mean `" + v + "`?")
                    .orElse("write one of " + Names.quotedList(clause.allowed().stream().map(GrantChecker::quoted).toList()));
        } else if (clause.clause().endsWith("_env") && !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            problem = "not the name of an environment variable";
            help = "name the variable that holds the secret, e.g. `" + clause.clause() + " \"DOCS_TOKEN\"`; "
                    + "the secret itself never belongs in a document";
        } else if (clause == McpServerClause.CLIENT_METADATA_URL && !value.startsWith("https://")) {
            problem = "not an https:// URL";
            help = "a client metadata document is served over https, e.g. `" + clause.clause()
                    + " \"https://example.com/lumen-client.json\"`";
        }
        if (problem == null) {
            return true;
        }
        cx.report(Diagnostic.error(Code.E0044, c.values().get(0).span(), "wrong value for grant clause `"
                        + clause.clause() + "`")
                .label(problem)
                .help(help));
        return false;
    }

    /**
     * After the cells are checked: E0042 for each `grant Alias …` on an MCP alias, with a help that names the
     * tools the document calls through it, with the clauses as written (calls it was meant to grant were not
     * also reported as ungranted).
     */
    static void finish(Context cx) {
        for (ToolAlias alias : cx.symbols.tools.values()) {
            for (Decl.Grant grant : alias.wholeServerGrants()) {
                wholeServer(cx, alias, grant);
            }
            if (alias.isMcp() && alias.isGranted("")) {
                authorization(cx, alias);
            }
        }
    }

    /** E0053 for each authorization clause of a server grant that does not fit with the others (mcp-bridge-v1.md §11.4). */
    private static void authorization(Context cx, ToolAlias alias) {
        List<ToolAlias.GrantedClause> clauses = alias.grants().get("");
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        Map<String, Span> where = new HashMap<>();
        for (ToolAlias.GrantedClause c : clauses) {
            byName.computeIfAbsent(c.key(), k -> new ArrayList<>()).addAll(c.values());
            where.putIfAbsent(c.key(), c.span());
        }
        boolean overHttp = alias.mcpServer().regionMatches(true, 0, "http://", 0, 7)
                || alias.mcpServer().regionMatches(true, 0, "https://", 0, 8);
        for (AuthorizationClauses.Conflict c : AuthorizationClauses.conflicts(new McpServerGrant(byName), overHttp)) {
            cx.report(Diagnostic.error(Code.E0053, where.get(c.clause().clause()), "`" + c.clause().clause()
                            + "` does not fit the grant of `" + alias.alias() + "`")
                    .label("`" + c.clause().clause() + "` " + c.problem())
                    .help(c.help()));
        }
    }

    private static void wholeServer(Context cx, ToolAlias alias, Decl.Grant grant) {
        String name = alias.alias();
        String clauses = clauseText(grant.clauses());
        List<String> called = alias.calledTools();
        Diagnostic.Builder d = Diagnostic.error(Code.E0042, grant.alias().span(),
                        "`" + name + "` is an MCP server; grants name its tools one by one")
                .label("no tool named")
                .note("a grant of the server itself takes only the clauses of its session: "
                        + Names.quotedList(McpServerClause.names()));
        if (called.isEmpty()) {
            d.help("grant each tool you call: `grant " + name + ".<tool>"
                    + (clauses.isEmpty() ? " timeout_ms 10000" : clauses) + "`");
        } else if (called.size() == 1) {
            d.help("name the tool you call: `grant " + name + "." + called.get(0) + clauses + "`");
        } else {
            d.help("grant each tool you call: " + Names.quotedList(called.stream()
                    .map(t -> "grant " + name + "." + t + clauses).toList()));
        }
        cx.report(d);
    }

    /** The clauses of a grant line as written, each preceded by a space. */
    private static String clauseText(List<Decl.GrantClause> clauses) {
        StringBuilder b = new StringBuilder();
        for (Decl.GrantClause c : clauses) {
            b.append(' ').append(c.key().name());
            for (Decl.GrantValue v : c.values()) {
                b.append(' ').append(switch (v.value()) {
                    case String s when v.word() -> s;
                    case String s -> quoted(s);
                    default -> String.valueOf(v.value());
                });
            }
        }
        return b.toString();
    }

    private void unknownAlias(Decl.Grant grant) {
        String name = grant.alias().name();
        Diagnostic.Builder d = Diagnostic.error(Code.E0042, grant.alias().span(), "no tool alias named `" + name + "`");
        if (cx.symbols.cell(name) != null || cx.symbols.record(name) != null || cx.symbols.enumeration(name) != null) {
            d.label("`" + name + "` is not a tool alias");
        } else {
            d.label("not imported with `use tool`");
        }
        Optional<String> meant = Names.closest(name, cx.symbols.tools.keySet());
        if (meant.isPresent()) {
            Names.didYouMean(d, name, meant.get());
            // Calls of the alias it meant are not reported again as ungranted.
            cx.symbols.tool(meant.get()).misspeltGrant(grant.tool() == null ? "" : grant.tool().name());
        } else {
            d.help("import the tool first, e.g. `use tool http.get as " + name + "`");
        }
        cx.report(d);
    }

    private void nativeClause(ToolAlias alias, Decl.GrantClause c) {
        ToolManifest m = alias.manifest();
        String key = c.key().name();
        List<String> supported = m.capabilities().stream().map(Capability::clause).toList();
        Capability cap = Capability.byClause(key).orElse(null);
        if (cap == null || !m.supports(cap)) {
            Diagnostic.Builder d = Diagnostic.error(Code.E0043, c.key().span(),
                    cap == null ? "unknown grant clause `" + key + "`"
                            : "`" + m.toolId() + "` does not support the grant clause `" + key + "`");
            d.label(cap == null ? "not a grant clause" : "not supported by `" + m.toolId() + "`");
            List<String> candidates = supported.isEmpty()
                    ? java.util.Arrays.stream(Capability.values()).map(Capability::clause).toList() : supported;
            if (cap == null) {
                Names.suggest(d, key, candidates);
            }
            if (supported.isEmpty()) {
                d.help("`" + m.toolId() + "` takes no grant clauses; write `grant " + alias.alias() + "` on its own");
            } else {
                d.help("`" + m.toolId() + "` supports " + Names.quotedList(supported));
            }
            cx.report(d);
            return;
        }
        if (!value(c, cap.valueKind(), key) || !redactValue(cap, c) || !matchable(c, cap)) {
            return;
        }
        if (!cap.repeatable() && repeated(alias, "", c)) {
            return;
        }
        alias.addClause("", new ToolAlias.GrantedClause(key, cap, values(c), c.span()));
    }

    private void mcpClause(ToolAlias alias, String target, Decl.GrantClause c) {
        String key = c.key().name();
        if (key.equals(McpCaching.CLAUSE)) {
            if (cacheValue(c) && !repeated(alias, target, c)) {
                alias.addClause(target, new ToolAlias.GrantedClause(key, null, values(c), c.span()));
            }
            return;
        }
        if (McpGrantClauses.NOT_PINS.contains(key)) { // the limits a native tool's grant has too
            Capability cap = Capability.byClause(key).orElseThrow();
            if (!value(c, cap.valueKind(), key) || !redactValue(cap, c)
                    || (!cap.repeatable() && repeated(alias, target, c))) {
                return;
            }
            alias.addClause(target, new ToolAlias.GrantedClause(key, cap, values(c), c.span()));
            return;
        }
        // Any other clause pins the MCP tool's argument of that name to the granted value(s).
        if (c.values().size() != 1) {
            cx.report(Diagnostic.error(Code.E0044, valueSpan(c), "argument pin `" + key + "` takes a single value")
                    .label("more than one value")
                    .help("write one value per clause; repeat the clause to allow several values"));
            return;
        }
        alias.addClause(target, new ToolAlias.GrantedClause(key, null, values(c), c.span()));
    }

    /**
     * `cache true` or `cache false` turns the caching of an MCP tool's results on or off (mcp-bridge-v1.md §9.4);
     * it pins no argument. Reports E0044 and returns false for any other value.
     */
    private boolean cacheValue(Decl.GrantClause c) {
        Decl.GrantValue first = c.values().get(0);
        String problem = null;
        Span at = first.span();
        if (!(first.value() instanceof Boolean)) {
            problem = "expected true or false, found " + describe(first);
        } else if (c.values().size() > 1) {
            at = c.values().get(1).span();
            problem = "`cache` takes a single value";
        }
        if (problem == null) {
            return true;
        }
        cx.report(Diagnostic.error(Code.E0044, at, "wrong value for grant clause `cache`")
                .label(problem)
                .note("`cache` takes true or false: whether the tool cache answers this tool's calls; it is not an"
                        + " argument pin")
                .help("write `cache true` or `cache false`"));
        return false;
    }

    private boolean repeated(ToolAlias alias, String target, Decl.GrantClause c) {
        String id = alias.alias() + "\u0000" + target + "\u0000" + c.key().name();
        Span first = firstClause.putIfAbsent(id, c.span());
        if (first == null) {
            return false;
        }
        String who = target.isEmpty() ? alias.alias() : alias.alias() + "." + target;
        cx.report(Diagnostic.error(Code.E0045, c.span(), "`" + c.key().name() + "` is granted more than once for `"
                        + who + "`")
                .label("repeated here")
                .secondary(first, "first granted here")
                .help("keep one `" + c.key().name() + "` clause; only `domain`, `path`, `model` and `redact` "
                        + "accumulate"));
        return true;
    }

    /** Checks a clause's values against what the clause takes; reports E0044 and returns false if wrong. */
    private boolean value(Decl.GrantClause c, Capability.ValueKind kind, String key) {
        List<Decl.GrantValue> v = c.values();
        Decl.GrantValue first = v.get(0);
        String problem = null;
        String help = "write it as `" + key + " " + kind.example() + "`";
        Span at = first.span();
        switch (kind) {
            case STRING -> {
                if (!(first.value() instanceof String s) || first.word()) {
                    problem = "expected a string, found " + describe(first);
                } else if (s.isEmpty()) {
                    problem = "`" + key + "` cannot be empty";
                }
            }
            case INT, BUDGET -> {
                if (!(first.value() instanceof Long n)) {
                    problem = "expected an integer, found " + describe(first);
                    if (first.value() instanceof Double d && d == Math.rint(d)) {
                        help = "write it without a fraction: `" + key + " " + (long) d.doubleValue() + "`";
                    }
                } else if (n <= 0) {
                    problem = "`" + key + "` must be positive";
                } else if (kind == Capability.ValueKind.BUDGET && v.size() > 1
                        && !Capability.BUDGET_UNITS.contains(String.valueOf(v.get(1).value()))) {
                    at = v.get(1).span();
                    problem = "unknown budget unit `" + v.get(1).value() + "`";
                    help = "use `" + Grants.Budget.PER_RUN + "` (the default) or a window: " + Window.listed();
                }
            }
            case FLOAT -> {
                if (first.value() instanceof Long n) {
                    problem = "expected a float, found an integer";
                    help = "write it with a fraction: `" + key + " " + n + ".0`";
                } else if (!(first.value() instanceof Double d)) {
                    problem = "expected a float, found " + describe(first);
                } else if (d < 0) {
                    problem = "`" + key + "` cannot be negative";
                }
            }
            case BOOL -> {
                if (!(first.value() instanceof Boolean)) {
                    problem = "expected true or false, found " + describe(first);
                }
            }
            case RATE -> {
                if (!(first.value() instanceof Long n)) {
                    problem = "expected an integer and a unit, found " + describe(first);
                } else if (n <= 0) {
                    problem = "`" + key + "` must be positive";
                } else if (v.size() < 2) {
                    problem = "`" + key + "` needs a unit";
                    at = first.span();
                    help = "add its unit: `" + key + " " + n + " per_minute`";
                } else if (!Capability.RATE_UNITS.contains(String.valueOf(v.get(1).value()))) {
                    at = v.get(1).span();
                    problem = "unknown rate unit `" + v.get(1).value() + "`";
                    help = "use " + Window.listed();
                }
            }
        }
        boolean unitAllowed = kind == Capability.ValueKind.RATE || kind == Capability.ValueKind.BUDGET;
        if (problem == null && !unitAllowed && v.size() > 1) {
            at = v.get(1).span();
            problem = "`" + key + "` takes a single value";
            help = "remove `" + v.get(1).value() + "`";
        }
        if (problem == null) {
            return true;
        }
        cx.report(Diagnostic.error(Code.E0044, at, "wrong value for grant clause `" + key + "`")
                .label(problem)
                .note("`" + key + "` takes " + kind.description())
                .help(help));
        return false;
    }

    /**
     * A `redact` value that starts with `/` is a JSON pointer (run.md §6.3a), and must be one; reports E0044 and
     * returns false if it is not. Other clauses pass.
     */
    private boolean redactValue(Capability cap, Decl.GrantClause c) {
        if (cap != Capability.REDACT || !(c.values().get(0).value() instanceof String text)
                || !Redaction.isPointer(text)) {
            return true;
        }
        try {
            JsonPointer.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            String fixed = text.replaceAll("~(?![01])", "~0");
            cx.report(Diagnostic.error(Code.E0044, c.values().get(0).span(), "wrong value for grant clause `redact`")
                    .label("not a JSON pointer: `~` must be followed by `0` or `1`")
                    .note("`redact` takes a member name, or a JSON pointer (RFC 6901) when the value starts with `/`;"
                            + " in a pointer `~0` stands for `~` and `~1` for `/`")
                    .help("write `~` as `~0`: `redact " + quoted(fixed) + "`"));
            return false;
        }
    }

    /** A string as a grant writes it, in double quotes. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Checks an allowlist value against its clause's grammar, the runtime's own (GrantValues): E0050 for a value
     * that can never allow a call, which the runtime would refuse on every call of the grant.
     */
    private boolean matchable(Decl.GrantClause c, Capability cap) {
        Decl.GrantValue v = c.values().get(0);
        Optional<GrantValues.Problem> problem = v.value() instanceof String s ? GrantValues.problem(cap, s)
                : Optional.empty();
        if (problem.isEmpty()) {
            return true;
        }
        cx.report(Diagnostic.error(Code.E0050, v.span(), "`" + clauseText(List.of(c)).strip() + "` can never match")
                .label(problem.get().problem())
                .note("a grant holding it refuses every call, whatever its other values allow")
                .help(problem.get().help()));
        return false;
    }

    private static Span valueSpan(Decl.GrantClause c) {
        return c.values().get(0).span().to(c.values().get(c.values().size() - 1).span());
    }

    private static List<Object> values(Decl.GrantClause c) {
        List<Object> out = new ArrayList<>();
        c.values().forEach(v -> out.add(v.value()));
        return out;
    }

    private static String describe(Decl.GrantValue v) {
        return switch (v.value()) {
            case String s when v.word() -> "the word `" + s + "`";
            case String s -> "a string";
            case Long n -> "an integer";
            case Double d -> "a float";
            case Boolean b -> "a boolean";
            default -> "a value";
        };
    }
}
