package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lumen.lsp.feature.CodeDescriptions;
import dev.lumen.lsp.run.Installation;
import dev.lumen.lsp.run.LumenExecutable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * A client session with a real server over the protocol (in this JVM, over pipes): the tests' driver. It opens
 * and edits documents, waits for the diagnostics of a version, sends requests, and can write a message by hand
 * ({@link #sendRaw}) and read the raw answer, for malformed input.
 */
final class LspSession implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The repository's root: surefire runs in the module directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final InProcess connection;
    private final Client client = new Client();
    private final Map<String, CompletableFuture<ResponseMessage>> rawAnswers = new ConcurrentHashMap<>();
    private final List<ResponseMessage> errors = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    final InitializeResult initialized;

    private LspSession(ServerSettings settings, ClientCapabilities capabilities) {
        ServerSettings logged = new ServerSettings(settings.links(), settings.lumen(), settings.commandTimeout(),
                settings.outputLimit(), settings.environment(), new PrintStream(log, true, StandardCharsets.UTF_8));
        connection = InProcess.start(logged, client, next -> message -> {
            if (message instanceof ResponseMessage response) {
                if (response.getError() != null) {
                    synchronized (errors) {
                        errors.add(response);
                    }
                }
                CompletableFuture<ResponseMessage> raw = rawAnswers.get(response.getId());
                if (raw != null) {
                    raw.complete(response);
                    return;
                }
            }
            next.consume(message);
        });
        InitializeParams params = new InitializeParams();
        params.setCapabilities(capabilities);
        initialized = await(connection.server().initialize(params));
        connection.server().initialized(new InitializedParams());
    }

    /** A session with the server as {@code lumen lsp} sets it up, but whose commands start {@code lumen}. */
    static LspSession start() {
        return start(settings(LumenExecutable.script(Path.of("/bin/false")), Duration.ofSeconds(20), 1 << 20));
    }

    static LspSession start(ServerSettings settings) {
        return new LspSession(settings, capabilities(true));
    }

    static LspSession start(ServerSettings settings, ClientCapabilities capabilities) {
        return new LspSession(settings, capabilities);
    }

    /** Settings whose links point into this repository's docs and whose commands start {@code lumen}. */
    static ServerSettings settings(LumenExecutable lumen, Duration timeout, int limit) {
        return new ServerSettings(CodeDescriptions.at(new Installation(ROOT).diagnosticsCatalogue()), lumen, timeout,
                limit, System.getenv(), System.err);
    }

    /** A client that declares (or not) that it shows related information. */
    static ClientCapabilities capabilities(boolean relatedInformation) {
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities();
        publish.setRelatedInformation(relatedInformation);
        publish.setVersionSupport(true);
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setPublishDiagnostics(publish);
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setTextDocument(text);
        return capabilities;
    }

    LanguageServer server() {
        return connection.server();
    }

    /** The server's {@code textDocument/*} side, for the requests about a position. */
    TextDocumentService text() {
        return server().getTextDocumentService();
    }

    /** Opens {@code text} as {@code uri} (version 1) and returns its first diagnostics. */
    PublishDiagnosticsParams open(String uri, String text) {
        versions.put(uri, 1);
        server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "lumen", 1, text)));
        return diagnostics(uri, 1);
    }

    /**
     * Opens {@code code} (marked as {@link Marked} reads it) in a {@code lumen} fence under a heading as
     * {@code uri}, closing what was open there, and waits for its diagnostics; the code's first line is line 3.
     */
    Marked openCode(String uri, String code) {
        Marked doc = Marked.of("# Test\n\n```lumen\n" + code + (code.endsWith("\n") ? "" : "\n") + "```\n");
        close(uri);
        open(uri, doc.text());
        return doc;
    }

    PublishDiagnosticsParams open(Path file, String text) {
        return open(file.toUri().toString(), text);
    }

    /** Replaces {@code range} with {@code text} (the next version) and returns that version's diagnostics. */
    PublishDiagnosticsParams change(String uri, Range range, String text) {
        int version = versions.merge(uri, 1, Integer::sum);
        server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(range, text))));
        return diagnostics(uri, version);
    }

    void close(String uri) {
        server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    /** Waits for the diagnostics of version {@code version} of {@code uri}. */
    PublishDiagnosticsParams diagnostics(String uri, int version) {
        return client.await(p -> p.getUri().equals(uri) && p.getVersion() != null && p.getVersion() == version);
    }

    /** Waits for diagnostics of {@code uri} that clear it (no version: a closed document). */
    PublishDiagnosticsParams cleared(String uri) {
        return client.await(p -> p.getUri().equals(uri) && p.getVersion() == null);
    }

    /** What the server asked the client to register, once it has (only after {@code initialized}). */
    CompletableFuture<RegistrationParams> registered() {
        return client.registered;
    }

    /** The versions of {@code uri} whose diagnostics were published, in the order they came. */
    List<Integer> publishedVersions(String uri) {
        return client.versions(uri);
    }

    /** Sends the next version of {@code uri} without waiting for its diagnostics; returns the version. */
    int changeWithoutWaiting(String uri, Range range, String text) {
        int version = versions.merge(uri, 1, Integer::sum);
        server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(range, text))));
        return version;
    }

    List<DocumentSymbol> symbols(String uri) {
        return await(server().getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                new TextDocumentIdentifier(uri)))).stream().map(e -> e.getRight()).toList();
    }

    SemanticTokens tokens(String uri) {
        return await(server().getTextDocumentService().semanticTokensFull(new SemanticTokensParams(
                new TextDocumentIdentifier(uri))));
    }

    List<? extends CodeLens> lenses(String uri) {
        return await(server().getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))));
    }

    CompletableFuture<Object> execute(String command, Object... arguments) {
        return server().getWorkspaceService().executeCommand(new ExecuteCommandParams(command, List.of(arguments)));
    }

    /** Writes {@code json} (a JSON-RPC message with id {@code id}, or a notification) as it is. */
    CompletableFuture<ResponseMessage> sendRaw(String id, String json) {
        CompletableFuture<ResponseMessage> answer = new CompletableFuture<>();
        if (id != null) {
            rawAnswers.put(id, answer);
        }
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.toServer();
        try {
            synchronized (out) {
                out.write(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
            }
        } catch (IOException e) {
            fail(e);
        }
        return answer;
    }

    /** Every error response the server sent, as JSON objects. */
    List<JsonObject> errorResponses() {
        synchronized (errors) {
            return errors.stream().map(r -> JsonParser.parseString(r.toString()).getAsJsonObject()).toList();
        }
    }

    /** What the server logged. */
    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Asks the server to shut down and exit; returns its exit status. */
    int shutdown() {
        await(server().shutdown());
        server().exit();
        return await(connection.serving());
    }

    CompletableFuture<Integer> serving() {
        return connection.serving();
    }

    @Override
    public void close() {
        connection.close();
        try {
            connection.serving().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // it has stopped already, or failed and said so in its log
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail("no answer: " + e, e);
        }
    }

    /** Receives the server's notifications; publications of diagnostics are kept for {@link #await}. */
    private static final class Client extends QuietClient {
        private final List<PublishDiagnosticsParams> published = new ArrayList<>();
        final CompletableFuture<RegistrationParams> registered = new CompletableFuture<>();

        @Override
        public CompletableFuture<Void> registerCapability(RegistrationParams params) {
            registered.complete(params);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            published.add(diagnostics);
            notifyAll();
        }

        synchronized List<Integer> versions(String uri) {
            return published.stream().filter(p -> p.getUri().equals(uri)).map(PublishDiagnosticsParams::getVersion)
                    .toList();
        }

        synchronized PublishDiagnosticsParams await(Predicate<PublishDiagnosticsParams> wanted) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                for (PublishDiagnosticsParams p : published) {
                    if (wanted.test(p)) {
                        return p;
                    }
                }
                long left = deadline - System.nanoTime();
                assertNotNull(left > 0 ? "" : null, "no such diagnostics came; published: " + published);
                try {
                    wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(e);
                }
            }
        }
    }
}
