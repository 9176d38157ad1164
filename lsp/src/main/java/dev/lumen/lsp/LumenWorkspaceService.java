package dev.lumen.lsp;

import dev.lumen.lsp.protocol.Boundary;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The {@code workspace/*} routes: the server's commands; a watched file changing re-checks the open
 * documents against their projects; configuration changes nothing yet. */
final class LumenWorkspaceService implements WorkspaceService {
    private final Features features;
    private final Boundary boundary;
    private final LumenTextDocumentService textDocuments;

    LumenWorkspaceService(Features features, Boundary boundary, LumenTextDocumentService textDocuments) {
        this.features = features;
        this.boundary = boundary;
        this.textDocuments = textDocuments;
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
        // A lock file or a tool's manifest may have changed: every document is checked against its project again.
        boundary.notification("workspace/didChangeWatchedFiles", textDocuments::projectsChanged);
    }
}
