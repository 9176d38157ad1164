package dev.lumen.lsp;

import dev.lumen.lsp.protocol.Boundary;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The {@code workspace/*} routes: the server's commands; configuration and watched files change nothing yet. */
final class LumenWorkspaceService implements WorkspaceService {
    private final Features features;
    private final Boundary boundary;

    LumenWorkspaceService(Features features, Boundary boundary) {
        this.features = features;
        this.boundary = boundary;
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        // Arguments are checked on the calling thread, so that bad ones are refused before anything starts.
        return boundary.started("workspace/executeCommand", () -> features.commands.execute(params));
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }
}
