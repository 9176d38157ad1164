package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.project.Project;
import dev.lumen.language.syntax.Parser;
import dev.lumen.language.types.Type;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolLocator;
import dev.lumen.runtime.tools.ToolManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves `use tool` lines against the tools found for the document (E0040 for an unknown id, E0052 for the id
 * of a host tool that another tool also has), turns each
 * manifest's schemas into a Lumen signature (E0047 when it has none) and, under {@code @lock strict}, checks
 * each tool against the lock file (E0048). An MCP server's tools come from the manifest the lock file records
 * for it (E0048 when it records none): the checker never starts a server.
 */
public final class ToolCatalog {
    private final Context cx;
    private final Map<String, ToolAlias.Signature> signatures = new HashMap<>();

    ToolCatalog(Context cx) {
        this.cx = cx;
    }

    ToolAlias resolve(Decl.UseTool use) {
        if (use.mcpServer() != null) {
            return mcp(use);
        }
        String id = use.toolId().name();
        ToolLocator.Located tool = cx.project.tools().find(id).orElse(null);
        if (tool == null) {
            cx.project.tools().conflict(id).ifPresentOrElse(c -> reportConflict(use, c), () -> reportUnknown(use, id));
            return new ToolAlias(use, null, null);
        }
        ToolAlias.Signature signature;
        try {
            signature = signatures.computeIfAbsent(tool.id() + " " + tool.where(), k -> signature(tool.manifest()));
        } catch (ManifestException e) {
            cx.report(Diagnostic.error(Code.E0047, use.toolId().span(), "the manifest of `" + id + "` cannot be used")
                    .label("declared in " + tool.where())
                    .note(e.getMessage())
                    .help(tool.origin() == ToolLocator.Origin.HOST ? "fix the manifest the host offers"
                            : "fix the manifest; `lumen tools check " + tool.where() + "` checks it"));
            return new ToolAlias(use, null, null);
        }
        checkLock(use, tool);
        return new ToolAlias(use, tool.manifest(), signature);
    }

    /**
     * An MCP import, typed by the manifest the lock file records for its server. E0049 when a run could not
     * reach the server for it; E0048 when the lock file records none (or cannot be read). A document that is not
     * a file has no lock file: its MCP calls are not typed.
     */
    private ToolAlias mcp(Decl.UseTool use) {
        Project project = cx.project;
        String address = use.mcpServer().name();
        McpServerManifest manifest = project.mcpServer(address).orElse(null);
        String unreachable = project.unreachable().get(address);
        if (unreachable != null) {
            cx.report(Diagnostic.error(Code.E0049, use.mcpServer().span(), "cannot reach the MCP server \""
                            + address + "\"").label("its tools cannot be typed without its manifest")
                    .note(unreachable)
                    .help("check the address and that the server starts; `" + project.lockCommand()
                            + "` reads its tools without running the document"));
            return new ToolAlias(use, null, true);
        }
        if (manifest == null && project.hasLockFile()) {
            String damaged = project.damaged().get(address);
            cx.report(Diagnostic.error(Code.E0048, use.mcpServer().span(), "the MCP server \"" + address
                            + "\" is not in the lock file")
                    .label("its tools are typed from the lock file, and checking starts no server")
                    .note(damaged != null ? "its entry in the lock file cannot be used: " + damaged
                            : project.missingLock().orElse("the lock file records no manifest for this server"))
                    .help("run `" + project.lockCommand() + "` to start the server and record its tools"));
            return new ToolAlias(use, null, true);
        }
        return new ToolAlias(use, manifest, false);
    }

    private void reportUnknown(Decl.UseTool use, String id) {
        ToolLocator tools = cx.project.tools();
        boolean onlyBundled = tools.all().stream().allMatch(t -> t.origin() == ToolLocator.Origin.BUNDLED);
        Diagnostic.Builder d = Diagnostic.error(Code.E0040, use.toolId().span(), "unknown tool `" + id + "`")
                .label(onlyBundled ? "no bundled tool has this id" : "no tool found has this id");
        if (!Names.suggest(d, id, tools.ids())) {
            d.help((onlyBundled ? "the bundled tools are " : "the tools found are ") + Names.quotedList(tools.ids()));
        }
        for (ToolLocator.Problem p : tools.problems()) {
            d.note(p.where() + " was skipped: " + p.message());
        }
        d.note("tools of an MCP server are imported with `use tool mcp \"<server address>\" as "
                + use.alias().name() + "`");
        cx.report(d);
    }

    /** A host tool has the id of a tool found in a folder or bundled: the import gets neither. */
    private void reportConflict(Decl.UseTool use, ToolLocator.Conflict conflict) {
        cx.report(Diagnostic.error(Code.E0052, use.toolId().span(), "the host tool `" + conflict.host().id()
                        + "` has the id of another tool")
                .label("imports of this id find neither tool: a host tool cannot stand in for another")
                .note(conflict.describe())
                .help("give the host tool an id of its own, such as `host." + conflict.host().id() + "`"));
    }

    /**
     * Under {@code @lock strict}, a tool must be the one the lock file pins. A host tool is not compared: the
     * program that offers it pins it, and the lock file records the tools found in files.
     */
    private void checkLock(Decl.UseTool use, ToolLocator.Located tool) {
        Project project = cx.project;
        if (!cx.strictLock || tool.origin() == ToolLocator.Origin.HOST) {
            return;
        }
        String problem = project.missingLock().orElseGet(() -> project.lock().difference(tool).orElse(null));
        if (problem != null) {
            cx.report(Diagnostic.error(Code.E0048, use.toolId().span(), "`" + tool.id() + "` does not match the lock file")
                    .label("`@lock strict` pins this tool")
                    .note(problem)
                    .help(project.lock() == null && project.lockError() == null
                            ? "run `" + project.lockCommand() + "` to write the lock file"
                            : "if the change is intended, run `" + project.lockCommand() + "` to pin the tools it finds now"));
        }
    }

    /**
     * A manifest's schemas as Lumen types.
     *
     * @throws ManifestException when a schema type is not a built-in Lumen type
     */
    public static ToolAlias.Signature signature(ToolManifest m) {
        Map<String, Type> inputs = new LinkedHashMap<>();
        List<String> optional = new ArrayList<>();
        for (ToolManifest.FieldSpec f : m.input().fields().values()) {
            inputs.put(f.name(), parse(m, f.type(), "input_schema, field `" + f.name() + "`"));
            if (f.optional()) {
                optional.add(f.name());
            }
        }
        Type output;
        if (m.output().isRecord()) {
            Map<String, Type> fields = new LinkedHashMap<>();
            m.output().fields().values().forEach(
                    f -> fields.put(f.name(), parse(m, f.type(), "output_schema, field `" + f.name() + "`")));
            output = Type.structural(fields);
        } else {
            output = parse(m, m.output().type(), "output_schema");
        }
        return new ToolAlias.Signature(inputs, optional, m.input().positional(), output);
    }

    private static Type parse(ToolManifest m, String text, String where) {
        TypeExpr expr = Parser.parseType(text);
        Type t = expr == null ? null : TypeResolver.builtin(expr);
        if (t == null) {
            throw new ManifestException("manifest of `" + m.toolId() + "`, " + where + ": `" + text
                    + "` is not a built-in Lumen type (String, Int, Float, Bool, Bytes, Json, Null, list[T], "
                    + "map[String, T], T | U)");
        }
        return t;
    }
}
