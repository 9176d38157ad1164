package dev.lumen.lsp.feature;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ToolLocator;
import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The files a document's check reads besides the document: its project's lock file and the manifests of the
 * tools in the project's tool folder (those on {@code LUMEN_TOOLS_PATH} lie outside the workspace). The server asks the client to watch them (when the client can be asked),
 * and {@code workspace/didChangeWatchedFiles} then checks every open document against its project again, so a
 * {@code lumen lock} run in a terminal clears the diagnostic it answers at once rather than at the next edit.
 */
public final class WatchedFiles {
    static final String METHOD = "workspace/didChangeWatchedFiles";
    static final String REGISTRATION_ID = "lumen-project-files";

    private WatchedFiles() {
    }

    /** The glob patterns watched, relative to the workspace folders. */
    public static List<String> globs() {
        return List.of("**/" + Store.DIR_NAME + "/" + LockFile.FILE_NAME,
                "**/" + ToolLocator.PROJECT_FOLDER + "/**/" + ToolLocator.MANIFEST);
    }

    /** Whether the client lets a server register file watchers. */
    public static boolean supported(ClientCapabilities capabilities) {
        var workspace = capabilities == null ? null : capabilities.getWorkspace();
        var watched = workspace == null ? null : workspace.getDidChangeWatchedFiles();
        return watched != null && Boolean.TRUE.equals(watched.getDynamicRegistration());
    }

    /** The {@code client/registerCapability} request that watches {@link #globs()}. */
    public static RegistrationParams registration() {
        List<FileSystemWatcher> watchers = globs().stream()
                .map(g -> new FileSystemWatcher(Either.forLeft(g))).toList();
        return new RegistrationParams(List.of(new Registration(REGISTRATION_ID, METHOD,
                new DidChangeWatchedFilesRegistrationOptions(watchers))));
    }
}
