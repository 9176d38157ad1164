package dev.lumen.runtime.store.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback in front of a server, that cuts one connection when told: after it has passed a number
 * of the client's bytes on (an upload interrupted half-way), or after the whole request but before any of the
 * answer (a write applied whose client never hears so). Every other connection it passes on as it is.
 */
final class CuttingProxy implements AutoCloseable {
    /** How the next connection that carries a request is cut. */
    sealed interface Cut {
    }

    /** After {@code bytes} bytes of the request: the server never sees the rest. */
    record DuringRequest(int bytes) implements Cut {
    }

    /** After the request: the server answers, the client hears nothing. */
    record BeforeAnswer() implements Cut {
    }

    private final ServerSocket server;
    private final int target;
    private final AtomicReference<Cut> next = new AtomicReference<>();
    private volatile int cuts;

    CuttingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("cutting-proxy").start(this::accept);
    }

    /** The proxy's address, for AWS_ENDPOINT_URL. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Cuts the next PUT as {@code cut} says. */
    void cutNext(Cut cut) {
        next.set(cut);
    }

    /** How many connections were cut. */
    int cuts() {
        return cuts;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                AtomicBoolean muted = new AtomicBoolean();
                Thread.ofPlatform().daemon().start(() -> request(client, upstream, muted));
                Thread.ofPlatform().daemon().start(() -> answer(upstream, client, muted));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Passes the client's requests on; a PUT that starts when a cut is due is cut as it says. */
    private void request(Socket from, Socket to, AtomicBoolean muted) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int passed = 0;
            Cut cut = null;
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (n >= 4 && new String(buffer, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("PUT ")) {
                    passed = 0;
                    cut = next.getAndSet(null);
                    if (cut instanceof BeforeAnswer) {
                        muted.set(true);
                    }
                }
                if (cut instanceof DuringRequest(int bytes) && passed + n > bytes) {
                    out.write(buffer, 0, bytes - passed);
                    out.flush();
                    cuts++;
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
                passed += n;
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            close(from, to);
        }
    }

    /** Passes the server's answers back, but for the one to a request cut before its answer: then both close. */
    private void answer(Socket from, Socket to, AtomicBoolean muted) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (muted.get()) {
                    cuts++;
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            close(from, to);
        }
    }

    private static void close(Socket a, Socket b) {
        try {
            a.close();
        } catch (IOException e) {
            // closed
        }
        try {
            b.close();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
