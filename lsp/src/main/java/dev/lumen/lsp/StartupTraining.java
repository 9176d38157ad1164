package dev.lumen.lsp;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A short editing session over the real protocol, which {@code lumen train-startup} runs so that the classes
 * of {@code lumen lsp} (lsp4j's, gson's, the server's, the front end's) are in the fast JVM's start-up cache:
 * initialize, open a document, edit it, ask for its symbols, tokens and code lenses, a hover and completions,
 * shut down. No command is
 * executed.
 */
public final class StartupTraining {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private StartupTraining() {
    }

    /** Runs the session over {@code document}; true when every answer came as expected. */
    public static boolean session(Path document, ServerSettings settings) throws Exception {
        String uri = document.toUri().toString();
        String text = Files.readString(document);
        Client client = new Client();
        try (InProcess connection = InProcess.start(settings, client)) {
            LanguageServer server = connection.server();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            init.setWorkspaceFolders(List.of());
            init.setRootUri(URI.create(uri).resolve(".").toString());
            boolean ok = wait(server.initialize(init)).getCapabilities() != null;
            server.initialized(new InitializedParams());
            CompletableFuture<PublishDiagnosticsParams> opened = client.next();
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "lumen", 1, text)));
            ok &= wait(opened).getVersion() == 1;
            CompletableFuture<PublishDiagnosticsParams> edited = client.next();
            Position start = new Position(0, 0);
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent(new Range(start, start), "\n"))));
            ok &= wait(edited).getVersion() == 2;
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            ok &= !wait(server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(id))).isEmpty();
            ok &= !wait(server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(id)))
                    .getData().isEmpty();
            ok &= !wait(server.getTextDocumentService().codeLens(new CodeLensParams(id))).isEmpty();
            // Somewhere in the middle, as a pointer rests and the user types: the semantic model's classes.
            Position middle = new Position((int) (text.lines().count() / 2), 4);
            wait(server.getTextDocumentService().hover(new HoverParams(id, middle)));
            ok &= wait(server.getTextDocumentService().completion(new CompletionParams(id, middle))) != null;
            server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(id));
            wait(server.shutdown());
            server.exit();
            ok &= wait(connection.serving()) == 0;
            return ok;
        }
    }

    private static <T> T wait(CompletableFuture<T> future) throws TimeoutException, InterruptedException {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    /** A client that hands over each publication of diagnostics and ignores everything else. */
    private static final class Client extends QuietClient {
        private volatile CompletableFuture<PublishDiagnosticsParams> next = new CompletableFuture<>();

        CompletableFuture<PublishDiagnosticsParams> next() {
            next = new CompletableFuture<>();
            return next;
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            next.complete(diagnostics);
        }
    }
}
