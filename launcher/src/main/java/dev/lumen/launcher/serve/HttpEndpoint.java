package dev.lumen.launcher.serve;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The Streamable HTTP endpoint of a served document (mcp-serve.md §1.2): the MCP SDK's servlet on Jetty, at
 * {@code http://HOST:PORT/mcp}. Requests whose {@code Host} or {@code Origin} names another machine are refused
 * (DNS rebinding protection); the host given with {@code --http} is allowed besides the loopback names.
 */
public final class HttpEndpoint implements AutoCloseable {
    /** The path of the endpoint. */
    public static final String PATH = "/mcp";

    private final Server jetty;
    private final McpSyncServer server;
    private final URI url;

    private HttpEndpoint(Server jetty, McpSyncServer server, URI url) {
        this.jetty = jetty;
        this.server = server;
        this.url = url;
    }

    /**
     * Listens on {@code address}.
     *
     * @throws IOException when it cannot (the port is in use, the host is not this machine's); the message says why
     */
    public static HttpEndpoint start(HttpAddress address, McpTools.Identity identity, List<ServedCell> cells,
            McpTools.Calls calls) throws IOException {
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));
        if (!hosts.contains(address.urlHost())) {
            hosts.add(address.urlHost());
        }
        DefaultServerTransportSecurityValidator.Builder security = DefaultServerTransportSecurityValidator.builder();
        for (String host : hosts) {
            security.allowedHost(host + ":*").allowedOrigin("http://" + host + ":*").allowedOrigin("https://" + host + ":*");
        }
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpTools.MAPPER)
                .mcpEndpoint(PATH)
                .keepAliveInterval(Duration.ofSeconds(30))
                .securityValidator(security.build())
                .build();
        McpSyncServer server = McpTools.serve(transport, identity, cells, calls);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(address.host());
        connector.setPort(address.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder servlet = new ServletHolder("mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        jetty.setHandler(context);
        jetty.setStopTimeout(2_000);
        try {
            jetty.start();
        } catch (IOException e) {
            stop(jetty, server);
            throw e;
        } catch (Exception e) {
            stop(jetty, server);
            throw new IOException(e.getMessage(), e);
        }
        URI url = URI.create("http://" + address.urlHost() + ":" + connector.getLocalPort() + PATH);
        return new HttpEndpoint(jetty, server, url);
    }

    public URI url() {
        return url;
    }

    /** Waits until the endpoint is closed. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        stop(jetty, server);
    }

    private static void stop(Server jetty, McpSyncServer server) {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            // closing a server whose sessions are already gone
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping is best effort: the process is ending
        }
    }
}
