package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.json.JsonReading;
import dev.lumen.runtime.mcp.AuthorizationClauses;
import dev.lumen.runtime.mcp.McpAddress;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpSampler;
import dev.lumen.runtime.mcp.McpServer;
import dev.lumen.runtime.mcp.McpServerIdentity;
import dev.lumen.runtime.mcp.McpServerRequest;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.mcp.McpTool;
import dev.lumen.runtime.mcp.McpToolAnnotations;
import dev.lumen.runtime.mcp.McpToolError;
import dev.lumen.runtime.mcp.auth.AuthEnvironment;
import dev.lumen.runtime.mcp.auth.McpAuthorization;
import dev.lumen.runtime.mcp.schema.McpToolSchema;
import dev.lumen.runtime.mcp.schema.McpType;
import dev.lumen.runtime.progress.ProgressListener;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * An MCP server reached through a session, built on the official MCP Java SDK: {@code initialize} once, asking
 * for 2025-11-25 and accepting any revision the SDK speaks (mcp-bridge-v1.md §4.1), then {@code tools/list} and
 * {@code tools/call} requests, each awaited for a bounded time (mcp-bridge-v1.md §4).
 */
public final class SessionMcpServer implements McpServer {
    /** The client name sent in {@code initialize}. */
    static final String CLIENT_NAME = "lumen";
    static final String CLIENT_VERSION = "1";
    /** How long closing waits for the SDK to end the session before the transport is stopped regardless. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    /** Why a call of a run that is cancelled (an interrupted thread) is cancelled, as the server is told. */
    static final String CANCELLED_REASON = "the Lumen run that made the call was cancelled";
    // Requests are bounded by await(); the SDK's own per-request timeout only has to stay out of the way.
    private static final Duration SDK_REQUEST_TIMEOUT = Duration.ofDays(1);

    private static final ObjectMapper JSON = JsonReading.mapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() { };
    private static final JacksonMcpJsonMapper MAPPER = new JacksonMcpJsonMapper(JSON);

    private final String label;
    private final McpSettings settings;
    private final McpAsyncClient client;
    /** The transport as the SDK sees it: it notes the server's requests and their answers. */
    private final ObservedTransport observed;
    /** The transport as the client sees it: it knows the id of each call in flight, to cancel it. */
    private final CallTracking tracking;
    /** Where the server's requests that the waiting thread answers are handed to it. */
    private final CallerDesk desk;
    /** Who answers sampling requests; null until the run that uses this session sets it. */
    private volatile McpSampler sampler;
    /** Who is told the progress of each call in flight, by its progress token. */
    private final Map<Object, ProgressListener> listening = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    /** Completes when the transport notices the server broke the connection; never, for HTTP. */
    private final CompletableFuture<McpException> broken;
    /** Appended to timeout messages: the server's stderr tail, for stdio. */
    private final Supplier<String> diagnostics;
    /** Told the revision the handshake agreed on: what the transport sends depends on it. */
    private final Consumer<String> agreed;
    /** Nanoseconds spent authorizing so far (HTTP, §11.4): waiting for the user does not count against timeouts. */
    private final LongSupplier authorizing;
    /**
     * Stops what the session runs on once it has ended: the server process (stdio), or the HTTP clients, whose
     * selector threads would otherwise live on and hold up the JVM's exit by 0.3 s.
     */
    private final Runnable stop;
    /** Who the server is and the revision agreed; set by the handshake. */
    private McpServerIdentity identity;
    /** Whether the server declared the {@code tools} capability; set by the handshake. */
    private boolean offersTools;
    /** The type of each tool's output schema (absent: none), from the last {@code tools/list}. */
    private Map<String, McpType> outputs;

    private SessionMcpServer(String label, McpSettings settings, CallerDesk desk, McpClientTransport transport,
            CompletableFuture<McpException> broken, Supplier<String> diagnostics, Consumer<String> agreed,
            LongSupplier authorizing, Runnable stop) {
        this.label = label;
        this.stop = stop;
        this.desk = desk;
        this.authorizing = authorizing;
        this.agreed = agreed;
        this.settings = settings;
        this.broken = broken;
        this.diagnostics = diagnostics;
        this.observed = new ObservedTransport(transport, JSON, desk::answered);
        this.tracking = new CallTracking(observed);
        McpClient.AsyncSpec spec = McpClient.async(tracking)
                .clientInfo(McpSchema.Implementation.builder(CLIENT_NAME, CLIENT_VERSION).build())
                .progressConsumer(this::progressed)
                .initializationTimeout(SDK_REQUEST_TIMEOUT)
                .requestTimeout(SDK_REQUEST_TIMEOUT);
        this.client = new ClientFeatures(label, settings, desk, () -> sampler, JSON).apply(spec).build();
    }

    /**
     * Starts or reaches the server at {@code address} and completes the handshake.
     *
     * @throws McpException when the server cannot be started or reached, or the handshake fails or times out
     */
    public static McpServer connect(McpAddress address, McpSettings settings) {
        String label = label(address);
        CallerDesk desk = new CallerDesk();
        SessionMcpServer server = switch (address) {
            case McpAddress.Stdio stdio -> {
                AuthorizationClauses.require(settings.grant(), false, label);
                ServerProcess process = ServerProcess.start(stdio, settings);
                StdioTransport transport = new StdioTransport(process, MAPPER, label);
                yield new SessionMcpServer(label, settings, desk, transport, transport.broken(),
                        process::stderrSuffix, revision -> { }, () -> 0, transport::stop);
            }
            case McpAddress.StreamableHttp http -> {
                VersionHeader header = new VersionHeader();
                McpAuthorization authorization = McpAuthorization.of(label, http.endpoint(), settings.grant(),
                        AuthEnvironment.ofHost());
                List<HttpClient> clients = new CopyOnWriteArrayList<>();
                McpClientTransport transport = StreamableHttp.transport(http, MAPPER, settings, header, authorization,
                        why -> desk.failWaiting(new McpException(label + ": " + why)), clients::add);
                yield new SessionMcpServer(label, settings, desk, transport, new CompletableFuture<>(), () -> "",
                        header::agree, authorization::authorizingNanos,
                        () -> clients.forEach(HttpClient::shutdownNow));
            }
        };
        try {
            server.handshake();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** How messages name the server at {@code address}. */
    static String label(McpAddress address) {
        return "MCP server \"" + address.text() + "\"";
    }

    private void handshake() {
        McpSchema.InitializeResult result = await(client.initialize(), settings.handshakeTimeout(), "the handshake");
        McpSchema.Implementation info = result.serverInfo();
        if (info == null || info.name() == null) {
            throw new McpException(label + " gave no serverInfo name in its initialize result");
        }
        agreed.accept(result.protocolVersion());
        offersTools = result.capabilities() != null && result.capabilities().tools() != null;
        identity = new McpServerIdentity(info.name(), info.version() == null ? "" : info.version(),
                result.protocolVersion());
    }

    @Override
    public McpServerIdentity identity() {
        return identity;
    }

    /**
     * {@inheritDoc} A server that declares no {@code tools} capability has none, and is not asked. Before revision
     * 2025-06-18 tools have no output schema, so one a server sends anyway is left out, as are the results it
     * would type.
     */
    @Override
    public List<McpTool> tools() {
        List<McpTool> tools = List.of();
        if (offersTools) {
            boolean structured = Revisions.hasStructuredResults(identity.protocolVersion());
            McpSchema.ListToolsResult result = await(client.listTools(), settings.requestTimeout(), "tools/list");
            tools = result.tools().stream().map(t -> tool(t, structured)).toList();
        }
        remember(tools);
        return tools;
    }

    private static McpTool tool(McpSchema.Tool tool, boolean structured) {
        return new McpTool(tool.name(), orEmpty(tool.title()), orEmpty(tool.description()),
                JSON.valueToTree(tool.inputSchema() == null ? Map.of() : tool.inputSchema()),
                !structured || tool.outputSchema() == null ? null : JSON.valueToTree(tool.outputSchema()),
                annotations(tool.annotations()));
    }

    /** The behaviour hints a tool's annotations give (the SDK reads each as a Boolean, null when absent). */
    private static McpToolAnnotations annotations(McpSchema.ToolAnnotations hints) {
        return hints == null ? McpToolAnnotations.NONE : new McpToolAnnotations(hints.readOnlyHint(),
                hints.destructiveHint(), hints.idempotentHint(), hints.openWorldHint());
    }

    /** Keeps the type of each tool's output schema, for the calls that follow. */
    private synchronized void remember(List<McpTool> tools) {
        Map<String, McpType> types = new HashMap<>(); // null for a tool without an output schema
        for (McpTool t : tools) {
            types.put(t.name(), McpToolSchema.of(t).output());
        }
        outputs = types;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public JsonNode call(String tool, JsonNode arguments, Duration timeout) {
        return call(tool, arguments, timeout, ProgressListener.NONE);
    }

    /**
     * {@inheritDoc} The request carries a progress token of its own ({@code _meta.progressToken}), by which the
     * server's {@code notifications/progress} reach {@code progress}; a call given up on, at its timeout or when
     * the calling thread is interrupted, is cancelled with {@code notifications/cancelled} (mcp-bridge-v1.md §4.3).
     */
    @Override
    public JsonNode call(String tool, JsonNode arguments, Duration timeout, ProgressListener progress) {
        if (!arguments.isObject()) {
            throw new IllegalArgumentException("the arguments of MCP tool `" + tool + "` must be a JSON object");
        }
        if (!offersTools) {
            throw new McpToolError(tool, "the server offers no tools (it declares no tools capability)");
        }
        Map<String, Object> values = JSON.convertValue(arguments, ARGUMENTS);
        String token = "lumen-" + tokens.incrementAndGet();
        McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(tool).arguments(values)
                .progressToken(token).build();
        McpSchema.CallToolResult result;
        listening.put(token, progress);
        try {
            result = await(client.callTool(request), timeout, "tools/call of `" + tool + "`", token);
        } catch (ServerAnswer e) {
            throw new McpToolError(tool, e.serverText());
        } finally {
            listening.remove(token);
            tracking.ended(token);
        }
        return CallResults.toJson(label, tool, result, output(tool), JSON);
    }

    @Override
    public List<McpServerRequest> takeServerRequests() {
        return observed.take();
    }

    @Override
    public void sampler(McpSampler run) {
        this.sampler = run;
    }

    /** A {@code notifications/progress} from the server, for the call whose token it names (others are dropped). */
    private Mono<Void> progressed(McpSchema.ProgressNotification notification) {
        ProgressListener listener = notification.progressToken() == null ? null
                : listening.get(notification.progressToken());
        if (listener != null && notification.progress() != null) {
            listener.progressed(notification.progress(), notification.total(), notification.message());
        }
        return Mono.empty();
    }

    /**
     * The type of {@code tool}'s output schema, or null when it declares none or the server lists no such tool;
     * from the listing already made in this session (the manifest a run was checked with), else one made now.
     */
    private synchronized McpType output(String tool) {
        if (outputs == null) {
            tools();
        }
        return outputs.get(tool);
    }

    /**
     * Waits for {@code request} for at most {@code timeout}, or until the transport breaks, answering meanwhile
     * the server's requests that the waiting thread answers (sampling), or failing as one of them says.
     *
     * @throws ServerAnswer when the server answered with a JSON-RPC error
     * @throws McpException on a timeout, a broken connection or any other failure
     */
    private <T> T await(Mono<T> request, Duration timeout, String what) {
        return await(request, timeout, what, null);
    }

    /**
     * As {@link #await(Mono, Duration, String)}, for the {@code tools/call} with progress token {@code call}: when
     * the client stops waiting for it, the server is told so.
     */
    private <T> T await(Mono<T> request, Duration timeout, String what, Object call) {
        try {
            // the time spent authorizing (the user signing in) is not the server's
            return desk.await(request, broken, timeout.toMillis(), authorizing);
        } catch (TimeoutException e) {
            if (call != null) {
                tracking.cancel(call, "the client stopped waiting for an answer after " + timeout.toMillis() + " ms");
            }
            throw new McpException(label + " did not answer " + what + " within " + timeout.toMillis() + " ms"
                    + diagnostics.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (call != null) {
                tracking.cancel(call, CANCELLED_REASON);
            }
            throw new McpException(label + ": " + what + " was cancelled");
        } catch (ExecutionException e) {
            throw SdkFailures.explain(label, what, e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            client.closeGracefully().toFuture().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort towards the server; the transport is stopped below in any case.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop.run(); // also when the graceful close above gave up
        }
    }

    /** A JSON-RPC error the server answered a request with. */
    static final class ServerAnswer extends McpException {
        private static final long serialVersionUID = 1L;

        private final String serverText;

        ServerAnswer(String message, String serverText) {
            super(message);
            this.serverText = serverText;
        }

        /** The error as the server put it, with its JSON-RPC code. */
        String serverText() {
            return serverText;
        }
    }
}
