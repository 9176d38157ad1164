package dev.lumen.lsp;

import dev.lumen.language.FrontEndStack;
import dev.lumen.lsp.feature.WatchedFiles;
import dev.lumen.lsp.protocol.Boundary;
import dev.lumen.lsp.protocol.ServerLog;
import dev.lumen.lsp.run.ChildProcesses;
import dev.lumen.lsp.text.Documents;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The Lumen language server: the lifecycle (initialize, shutdown, exit) and the threads. Documents are analysed
 * on one thread, in the order the client's messages came, with the front end's stack ({@link FrontEndStack}: code
 * nested to the nesting limit overflows a default one in the checker); documents left idle are trimmed there;
 * commands wait for their child processes on threads of their own. Nothing here runs a document's code.
 */
public final class LumenLanguageServer implements LanguageServer, LanguageClientAware {
    private final ServerLog log;
    private final Boundary boundary;
    private final Documents documents;
    private final ChildProcesses children = new ChildProcesses();
    private final ExecutorService analysis = Executors.newSingleThreadExecutor(
            daemon("lumen-lsp-analysis", FrontEndStack.STACK_BYTES));
    /** Wakes up now and then to trim the documents left idle, on the analysis thread. */
    private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(
            daemon("lumen-lsp-idle", 0));
    private final ExecutorService commandThreads = Executors.newCachedThreadPool(daemon("lumen-lsp-command", 0));
    private final Features features;
    private final LumenTextDocumentService textDocuments;
    private final LumenWorkspaceService workspace;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private volatile boolean shutdown;
    private volatile LanguageClient client;
    /** Whether the client lets the server ask it to watch the project's files (see {@link WatchedFiles}). */
    private volatile boolean watchFiles;

    public LumenLanguageServer(ServerSettings settings) {
        this.log = new ServerLog(settings.log());
        this.boundary = new Boundary(log);
        this.documents = new Documents(settings.environment());
        this.features = new Features(settings, documents, children, commandThreads);
        this.textDocuments = new LumenTextDocumentService(features, documents, boundary, analysis);
        this.workspace = new LumenWorkspaceService(features, boundary, textDocuments);
        long every = Documents.IDLE.toMillis() / 3;
        idle.scheduleWithFixedDelay(() -> boundary.later("trimming idle documents", analysis, documents::trimIdle),
                every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
        textDocuments.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ClientCapabilities capabilities = params == null ? null : params.getCapabilities();
        watchFiles = WatchedFiles.supported(capabilities);
        InitializeResult result = new InitializeResult(features.capabilities(capabilities));
        result.setServerInfo(new ServerInfo("lumen", version()));
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public void initialized(InitializedParams params) {
        LanguageClient c = client;
        if (watchFiles && c != null) {
            // The answer carries nothing; a client that refuses leaves the server checking at the next edit.
            c.registerCapability(WatchedFiles.registration()).exceptionally(refused -> null);
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        children.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    /** Completes with the exit status (0 after a shutdown request, 1 otherwise) when the client says exit. */
    CompletableFuture<Integer> exited() {
        return exited;
    }

    /** The input ended without an exit notification: the client went away. */
    void inputEnded() {
        exited.complete(1);
    }

    /** Stops the threads and kills every child process still running. */
    void close() {
        children.close();
        idle.shutdownNow();
        analysis.shutdownNow();
        commandThreads.shutdownNow();
    }

    ServerLog log() {
        return log;
    }

    private static String version() {
        String version = LumenLanguageServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static ThreadFactory daemon(String name, long stack) {
        return task -> {
            Thread t = new Thread(null, task, name, stack);
            t.setDaemon(true);
            return t;
        };
    }
}
