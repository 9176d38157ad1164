package dev.lumen.lsp;

import dev.lumen.lsp.protocol.LibraryLog;
import dev.lumen.lsp.protocol.ProtocolErrors;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs a Lumen language server over a pair of streams (standard input and output for {@code lumen lsp}). */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    /**
     * Serves the client on {@code in} and {@code out} until it says exit or its input ends; then every child
     * process the server started is killed (also when the JVM is stopped by a signal meanwhile). Returns the exit
     * status: 0 after shutdown and exit, 1 otherwise.
     */
    public static int serve(InputStream in, OutputStream out, ServerSettings settings) {
        LumenLanguageServer server = new LumenLanguageServer(settings);
        LibraryLog.into(server.log());
        Thread onSignal = new Thread(server::close, "lumen-lsp-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        ExecutorService protocolThreads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "lumen-lsp-protocol");
            t.setDaemon(true);
            return t;
        });
        try {
            Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                    .setLocalService(server)
                    .setRemoteInterface(LanguageClient.class)
                    .setInput(in)
                    .setOutput(out)
                    .setExecutorService(protocolThreads)
                    .setExceptionHandler(ProtocolErrors.handler(server.log()))
                    .wrapMessages(ProtocolErrors::sanitizing)
                    .create();
            server.connect(launcher.getRemoteProxy());
            Future<Void> listening = launcher.startListening();
            protocolThreads.execute(() -> {
                try {
                    listening.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | RuntimeException e) {
                    server.log().info("the connection failed: " + e.getCause());
                }
                server.inputEnded();
            });
            return server.exited().join();
        } finally {
            server.close();
            protocolThreads.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // the JVM is stopping: the hook runs, and finds nothing left to do
            }
        }
    }
}
