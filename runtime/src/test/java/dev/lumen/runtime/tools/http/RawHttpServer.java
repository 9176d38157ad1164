package dev.lumen.runtime.tools.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A socket server on 127.0.0.1 that answers every connection with the same bytes, whatever was asked, and closes
 * it: for responses a real server would not send (a lying Content-Length, a body that ends with the connection,
 * plain text where TLS is expected).
 */
final class RawHttpServer implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 2_000;

    private final ServerSocket socket;
    private final Thread acceptor;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    RawHttpServer(String response) throws IOException {
        this(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttpServer(byte[] response) throws IOException {
        socket = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    connection.setSoTimeout(READ_TIMEOUT_MS);
                    readRequestHead(connection.getInputStream());
                    connection.getOutputStream().write(response);
                    connection.getOutputStream().flush();
                } catch (IOException e) {
                    // The server was closed, or the client went away: either way, wait for the next one.
                }
            }
        });
    }

    /**
     * Reads what the client sent first: a request head or a TLS ClientHello, which the JDK client writes at once
     * and which fits the buffer. The answer does not depend on it.
     */
    private static void readRequestHead(InputStream in) throws IOException {
        try {
            in.read(new byte[16 * 1024]);
        } catch (SocketTimeoutException e) {
            // Nothing came: answer anyway.
        }
    }

    /** How many connections it has accepted. */
    int connections() {
        return connections.get();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(READ_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
