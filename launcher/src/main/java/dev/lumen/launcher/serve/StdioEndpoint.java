package dev.lumen.launcher.serve;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stdio endpoint of a served document (mcp-serve.md §1.1): JSON-RPC messages, one per line, on standard input
 * and output. It ends when standard input does (the client closed it, as the MCP specification has a client end a
 * stdio session), once it has answered the calls it read before: a client may write its requests and close its
 * end at once, as a shell pipe does.
 */
public final class StdioEndpoint implements AutoCloseable {
    private final McpSyncServer server;
    private final CountDownLatch ended;

    private StdioEndpoint(McpSyncServer server, CountDownLatch ended) {
        this.server = server;
        this.ended = ended;
    }

    /** How long the server waits, after its input ended, for a call it read to start. */
    private static final long QUIET_MILLIS = 300;

    public static StdioEndpoint start(InputStream in, OutputStream out, McpTools.Identity identity,
            List<ServedCell> cells, McpTools.Calls calls) {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicLong lastCall = new AtomicLong();
        McpTools.Calls counted = (cell, arguments) -> {
            running.incrementAndGet();
            try {
                return calls.call(cell, arguments);
            } finally {
                lastCall.set(System.nanoTime());
                running.decrementAndGet();
            }
        };
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            /** At the end of the input, lets the calls already read finish before the SDK closes the session. */
            private int ended(int n) {
                if (n < 0) {
                    long eof = System.nanoTime();
                    try {
                        while (running.get() > 0 || quietSince(Math.max(eof, lastCall.get())) < QUIET_MILLIS) {
                            Thread.sleep(20);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ended.countDown();
                }
                return n;
            }

            private long quietSince(long nanos) {
                return (System.nanoTime() - nanos) / 1_000_000;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpTools.MAPPER, watched, out);
        return new StdioEndpoint(McpTools.serve(transport, identity, cells, counted), ended);
    }

    /** Waits until standard input ends. */
    public void join() throws InterruptedException {
        ended.await();
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            // the session is already gone with its input
        }
    }
}
