package dev.lumen.language.project;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.RunSettings;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.mcp.McpAddress;
import dev.lumen.runtime.mcp.McpCalls;
import dev.lumen.runtime.mcp.McpConnector;
import dev.lumen.runtime.mcp.McpElicitation;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpHandover;
import dev.lumen.runtime.mcp.McpServer;
import dev.lumen.runtime.mcp.McpServerGrant;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.tools.LockFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reading MCP server manifests from the servers themselves, which starts a stdio server's command: only on a
 * command that says it does so ({@code lumen lock}, and {@code lumen run} for a server the lock file does not
 * record yet, mcp-bridge-v1.md §10), and announced before each server is started or reached.
 */
public final class ServerLocking {
    private ServerLocking() {
    }

    /**
     * Announces on {@code notices}, then starts or reaches the server at {@code address} (a stdio command runs
     * in the directory of {@code document}) under the document's grant of it, and reads its manifest.
     *
     * @throws McpException when the server cannot be started or reached, or does not answer
     */
    public static McpServerManifest read(String address, McpServerGrant grant, Path document,
            Consumer<String> notices) {
        announce(address, notices);
        return McpConnector.manifest(address, McpSettings.of(directory(document)).withGrant(grant));
    }

    /**
     * As {@link #read}, for a run that follows in this process: the session stays open, kept in
     * {@link McpHandover} for the run's calls, which closes it when it ends.
     */
    private static McpServerManifest readForRun(String address, McpServerGrant grant, Path document,
            Consumer<String> notices) {
        announce(address, notices);
        McpServer server = McpConnector.connect(address, McpSettings.of(directory(document)).withGrant(grant));
        try {
            McpServerManifest manifest = server.manifest();
            McpHandover.keep(address, directory(document), server);
            return manifest;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void announce(String address, Consumer<String> notices) {
        notices.accept("lumen: " + (isStdio(address) ? "starting" : "connecting to") + " MCP server `" + address
                + "` to read its tools");
    }

    private static Path directory(Path document) {
        return Host.current().absolute(document).getParent();
    }

    private static boolean isStdio(String address) {
        try {
            return McpAddress.parse(address) instanceof McpAddress.Stdio;
        } catch (McpException e) {
            return true; // not an address at all: reading it fails before anything starts, with that error
        }
    }

    /**
     * For a run of {@code file}, which is about to start its servers anyway: reads the manifest of each server it
     * imports that {@code project}'s lock file does not record, and records it there (atomically, other entries
     * kept). Not under {@code @lock strict}, where the lock file is the truth. A server that cannot be reached
     * is in the returned project's {@code unreachable}. The sessions that read the manifests are kept for the run
     * ({@link McpHandover}); {@link #closeKept} closes them when there is no run after all. Since they serve the
     * run, they declare the client capabilities it grants, with the run's {@code elicitation} policy if it states
     * one (mcp-bridge-v1.md §11.3).
     */
    public static Project lockForRun(SourceFile file, Project project, Consumer<String> notices,
            Optional<McpElicitation> elicitation) {
        if (!project.hasLockFile() || project.lockError() != null || locksStrictly(file)) {
            return project;
        }
        LockFile lock = project.lock();
        Map<String, String> unreachable = new LinkedHashMap<>();
        Map<String, McpServerGrant> grants = FrontEnd.serverGrants(file);
        for (String address : FrontEnd.importedServers(file)) {
            if (project.mcpServer(address).isEmpty()) {
                try {
                    McpServerManifest manifest = readForRun(address, McpCalls.forRun(grants.get(address), elicitation),
                            project.document(), notices);
                    lock = (lock == null ? LockFile.empty() : lock).withServer(address, manifest.toJson());
                } catch (McpException e) {
                    unreachable.put(address, e.getMessage());
                }
            }
        }
        if (lock != project.lock()) {
            try {
                lock.write(project.lockFile());
            } catch (IOException e) {
                notices.accept("lumen: warning: cannot record the MCP servers' tools in `" + project.lockFile() + "`: "
                        + e.getMessage() + "; the next run reads them from the servers again");
            }
        }
        return Project.of(project.document(), project.tools(), project.lockFile(), lock, null, unreachable);
    }

    /** Closes the sessions {@link #lockForRun} kept for a run of {@code document} that will not happen. */
    public static void closeKept(Path document) {
        McpHandover.closeKept(directory(document));
    }

    private static boolean locksStrictly(SourceFile file) {
        return MarkdownExtractor.extract(file, new Diagnostics()).settings().lock() == RunSettings.Lock.STRICT;
    }
}
