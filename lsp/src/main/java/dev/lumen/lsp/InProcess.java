package dev.lumen.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A server and a client in one JVM, talking the real protocol over a pair of pipes: what the start-up training,
 * the benchmark and the tests drive. (NIO pipes, not {@code PipedInputStream}, which fails once the thread that
 * last wrote to it has ended, as the protocol's pooled threads do.)
 */
public final class InProcess implements AutoCloseable {
    private final LanguageServer server;
    private final OutputStream toServer;
    private final CompletableFuture<Integer> serving;
    private final ExecutorService clientThreads;

    private InProcess(LanguageServer server, OutputStream toServer, CompletableFuture<Integer> serving,
            ExecutorService clientThreads) {
        this.server = server;
        this.toServer = toServer;
        this.serving = serving;
        this.clientThreads = clientThreads;
    }

    /** Starts a server with {@code settings} and connects {@code client} to it. */
    public static InProcess start(ServerSettings settings, LanguageClient client) {
        return start(settings, client, Function.identity());
    }

    /** As {@link #start(ServerSettings, LanguageClient)}, the client's incoming messages passing {@code incoming}. */
    public static InProcess start(ServerSettings settings, LanguageClient client,
            Function<MessageConsumer, MessageConsumer> incoming) {
        try {
            Pipe clientToServer = Pipe.open();
            Pipe serverToClient = Pipe.open();
            InputStream serverIn = Channels.newInputStream(clientToServer.source());
            OutputStream serverOut = Channels.newOutputStream(serverToClient.sink());
            CompletableFuture<Integer> serving = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("lumen-lsp-in-process").start(() -> {
                try {
                    serving.complete(ServerLauncher.serve(serverIn, serverOut, settings));
                } catch (Throwable t) {
                    serving.completeExceptionally(t);
                } finally {
                    closeQuietly(serverOut);
                }
            });
            ExecutorService clientThreads = Executors.newCachedThreadPool(task -> {
                Thread t = new Thread(task, "lumen-lsp-test-client");
                t.setDaemon(true);
                return t;
            });
            OutputStream toServer = Channels.newOutputStream(clientToServer.sink());
            Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>()
                    .setLocalService(client)
                    .setRemoteInterface(LanguageServer.class)
                    .setInput(Channels.newInputStream(serverToClient.source()))
                    .setOutput(toServer)
                    .setExecutorService(clientThreads)
                    .wrapMessages(incoming)
                    .create();
            launcher.startListening();
            return new InProcess(launcher.getRemoteProxy(), toServer, serving, clientThreads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server, as the client sees it. */
    public LanguageServer server() {
        return server;
    }

    /** The stream the client writes to, for messages written by hand. */
    public OutputStream toServer() {
        return toServer;
    }

    /** Completes with the server's exit status when it stops serving. */
    public CompletableFuture<Integer> serving() {
        return serving;
    }

    /** Ends the client's side: the server sees its input end. */
    @Override
    public void close() {
        closeQuietly(toServer);
        clientThreads.shutdownNow();
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
