package dev.lumen.launcher;

import dev.lumen.language.check.ToolCatalog;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.mcp.McpConnector;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServer;
import dev.lumen.runtime.mcp.McpServerIdentity;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolLocator;
import dev.lumen.runtime.tools.ToolManifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lumen tools ls|check}: the native tools a project can import (tool-manifest-v1.md §2, §7). */
@Command(
        name = "tools",
        description = "List the tools a document can import, or check a tool manifest.",
        subcommands = {ToolsCommand.Ls.class, ToolsCommand.Check.class},
        commandListHeading = "%nCommands:%n")
final class ToolsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "ls", description = {"List the tools found for a project, in the order imports see them:",
        "the project's tools/ folder, LUMEN_TOOLS_PATH, then the bundled tools, each with the effect of its",
        "calls (pure, read or write: which ones the tool cache may answer).",
        "A tool shadowed by an earlier one with the same id is marked; manifests that cannot be used are",
        "reported on standard error."})
    static final class Ls implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = ".",
                description = "A document or a directory of the project. Default: the current directory.")
        private String path;
        @Option(names = "--mcp", paramLabel = "ADDRESS",
                description = "List the tools of the MCP server at ADDRESS instead (a command line, `stdio:…` or an "
                        + "http(s):// URL), with their arguments as Lumen types.")
        private String mcp;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (mcp != null) {
                return listServer(out, err);
            }
            Path where;
            try {
                where = Host.current().resolve(path);
            } catch (InvalidPathException e) {
                err.println("error: `" + path + "` is not a valid path: " + e.getReason());
                return ExitCodes.USAGE;
            }
            if (!Files.exists(where)) {
                err.println("error: `" + path + "` does not exist");
                return ExitCodes.USAGE;
            }
            Map<String, String> env = Host.current().environment();
            ToolLocator tools = Files.isDirectory(where) ? ToolLocator.forDirectory(where, env)
                    : ToolLocator.forDocument(where, env);
            Table table = new Table("TOOL", "VERSION", "EFFECT", "FROM", "DESCRIPTION");
            for (ToolLocator.Located t : tools.all()) {
                String from = t.origin() == ToolLocator.Origin.BUNDLED ? "bundled" : t.where();
                table.row(t.id(), t.manifest().version(), t.manifest().effect().manifestName(),
                        t.shadowed() ? from + " (shadowed)" : from, t.manifest().description());
            }
            out.print(table.render());
            for (ToolLocator.Problem p : tools.problems()) {
                err.println("warning: " + p.where() + " was skipped: " + p.message());
            }
            return ExitCodes.OK;
        }

        private int listServer(PrintWriter out, PrintWriter err) {
            try (McpServer server = McpConnector.connect(mcp, McpSettings.of(Host.current().directory()))) {
                McpServerIdentity who = server.identity();
                Table table = new Table("TOOL", "ARGUMENTS", "RETURNS", "DESCRIPTION");
                for (McpTool tool : server.tools()) {
                    McpToolSchema schema = McpToolSchema.of(tool);
                    List<String> args = schema.arguments().stream().map(f -> f.name() + ": " + f.type().text()).toList();
                    String description = tool.description() == null ? "" : tool.description().lines().findFirst().orElse("");
                    table.row(tool.name(), String.join(", ", args),
                            schema.output() == null ? "McpContent" : schema.output().text(), description);
                }
                out.print(table.render());
                out.println(who.name() + " " + who.version() + ", MCP " + who.protocolVersion());
                return ExitCodes.OK;
            } catch (McpException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.ERRORS;
            }
        }
    }

    @Command(name = "check", description = {"Check a tool manifest (tool.json): its JSON, fields, schema types,",
        "capabilities and command. Exit 0 when it can be used, 1 when it cannot."})
    static final class Check implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Parameters(paramLabel = "MANIFEST", description = "A tool.json file, or the folder holding one.")
        private String path;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String name = path;
            try {
                if (Files.isDirectory(Host.current().resolve(path))) {
                    name = Path.of(path).resolve(ToolLocator.MANIFEST).toString();
                }
            } catch (InvalidPathException e) {
                // Documents.text reports it
            }
            String text;
            try {
                text = Documents.text(name);
            } catch (Documents.Unreadable e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Path file = Path.of(name);
            ToolManifest manifest;
            try {
                manifest = ToolManifest.parse(text);
                ToolCatalog.signature(manifest);
                ToolLocator.commandProblem(manifest, Host.current().absolute(file).getParent()).ifPresent(p -> {
                    throw new ManifestException(p);
                });
            } catch (ManifestException e) {
                err.println("error: " + file + ": " + e.getMessage());
                return ExitCodes.ERRORS;
            }
            out.println(file + ": " + manifest.toolId() + " " + manifest.version() + " is a valid tool manifest (effect: "
                    + manifest.effect().manifestName() + ")");
            return ExitCodes.OK;
        }
    }
}
