package dev.lumen.launcher;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.project.Project;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.project.ServerLocking;
import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServerGrant;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ToolLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen lock FILE...}: pins the version and manifest hash of every tool the documents import in their
 * project's {@code .lumen/lock.json} (tool-manifest-v1.md §6), and the manifest of every MCP server they import,
 * read from the live server, which then types their calls at compile time. Other documents' entries are kept.
 * This is the command that starts the servers a document names (so that {@code check} never does), and it says
 * so on standard error before each one.
 */
@Command(
        name = "lock",
        description = {"Pin the tools that documents import in their project's .lumen/lock.json.",
            "Starts each MCP server they import to read its tools, which then type their calls: `check` starts none.",
            "A document that says `@lock strict` then fails to check when a tool's version or manifest changes."},
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the lock file was written",
            " 1:a document imports a tool that cannot be found or an MCP server that cannot be reached, or the lock"
                + " file cannot be read or written",
            " 2:bad arguments or unreadable input",
        })
final class LockCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "`.lm.md` documents whose tools to pin.")
    private List<String> files;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = ExitCodes.OK;
        for (String name : files) {
            SourceFile source = Documents.read(name, err);
            if (source == null) {
                return ExitCodes.USAGE;
            }
            status = Math.max(status, lock(source, out, err));
        }
        return status;
    }

    /** Pins the tools of {@code source} in its project's lock file, saying so on {@code out}; returns the exit status. */
    static int lock(SourceFile source, PrintWriter out, PrintWriter err) {
        Path document = source.path().orElseThrow();
        Project project = ProjectLoader.load(document, Host.current().environment());
        if (project.lockError() != null) {
            err.println("error: " + project.lockError());
            return ExitCodes.ERRORS;
        }
        ToolLocator tools = project.tools();
        Path file = project.lockFile();
        LockFile lock = project.lock() == null ? LockFile.empty() : project.lock();
        List<String> pinned = new ArrayList<>();
        for (String id : FrontEnd.importedTools(source)) {
            ToolLocator.Located tool = tools.find(id).orElse(null);
            if (tool == null) {
                err.println("error: `" + source.name() + "` imports `" + id + "`, which is not found; "
                        + "`lumen check " + source.name() + "` says more");
                return ExitCodes.ERRORS;
            }
            lock = lock.with(tool);
            pinned.add(id + " " + tool.manifest().version() + " (" + tool.origin().label() + ")");
        }
        Map<String, McpServerGrant> serverGrants = FrontEnd.serverGrants(source);
        for (String address : FrontEnd.importedServers(source)) {
            try {
                McpServerManifest manifest = ServerLocking.read(address,
                        serverGrants.getOrDefault(address, McpServerGrant.NONE), document, notice -> {
                    err.println(notice);
                    err.flush();
                });
                lock = lock.withServer(address, manifest.toJson());
                pinned.add("MCP server " + manifest.identity().name() + " " + manifest.identity().version() + " ("
                        + manifest.tools().size() + (manifest.tools().size() == 1 ? " tool" : " tools") + ")");
            } catch (McpException e) {
                err.println("error: `" + source.name() + "` imports the MCP server \"" + address
                        + "\", which cannot be reached: " + e.getMessage());
                return ExitCodes.ERRORS;
            }
        }
        try {
            lock.write(file);
        } catch (IOException e) {
            err.println("error: cannot write the lock file `" + file + "`: " + e.getMessage());
            return ExitCodes.ERRORS;
        }
        int servers = FrontEnd.importedServers(source).size();
        int nativeTools = pinned.size() - servers;
        String counted = servers == 0 ? count(nativeTools, "tool")
                : nativeTools == 0 ? count(servers, "MCP server")
                : count(nativeTools, "tool") + " and " + count(servers, "MCP server");
        out.println("locked " + counted + " of `" + source.name() + "` in " + file
                + (pinned.isEmpty() ? "" : ": " + String.join(", ", pinned)));
        return ExitCodes.OK;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
