package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP stdio transport over a {@link ServerProcess}: one JSON-RPC message per line each way. Unlike the
 * SDK's own stdio transport it notices when the server breaks the connection — exits, closes stdout, writes a
 * line that is not JSON-RPC — and completes {@link #broken()} with the reason, so that a waiting request fails
 * at once instead of running into its timeout.
 */
final class StdioTransport implements McpClientTransport {
    /** How much of an offending line a message quotes. */
    private static final int EXCERPT_CHARS = 120;
    /** How long to wait for the exit status once stdout has closed. */
    private static final long EXIT_WAIT_MILLIS = 1_000;

    private final ServerProcess process;
    private final McpJsonMapper mapper;
    private final String label;
    private final Writer stdin;
    private final CompletableFuture<McpException> broken = new CompletableFuture<>();
    private final AtomicBoolean connected = new AtomicBoolean();
    private volatile boolean closing;

    StdioTransport(ServerProcess process, McpJsonMapper mapper, String label) {
        this.process = process;
        this.mapper = mapper;
        this.label = label;
        this.stdin = new OutputStreamWriter(process.stdin(), StandardCharsets.UTF_8);
    }

    /** Completes with the reason when the server breaks the connection; never completes otherwise. */
    CompletableFuture<McpException> broken() {
        return broken;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            if (connected.compareAndSet(false, true)) {
                Thread.ofPlatform().daemon().name("mcp-stdout").start(() -> read(handler));
            }
        });
    }

    private void read(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    fail(label + " wrote a line that is not a JSON-RPC message: " + excerpt(line));
                    return;
                }
                handler.apply(Mono.just(message)).subscribe(answer -> { }, error -> { });
            }
        } catch (IOException e) {
            // stdout broke under us: the same as its end, below
        }
        if (!closing) {
            String exit = process.exit(EXIT_WAIT_MILLIS);
            fail(label + (exit.isEmpty() ? " closed its stdout" : " " + exit));
        }
    }

    private void fail(String message) {
        broken.complete(new McpException(message + process.stderrSuffix()));
    }

    private static String excerpt(String line) {
        String shown = line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
        return "`" + shown + "`";
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                String json = mapper.writeValueAsString(message);
                synchronized (stdin) {
                    stdin.write(json);
                    stdin.write('\n');
                    stdin.flush();
                }
            } catch (IOException e) {
                McpException cause = broken.getNow(null);
                throw cause != null ? cause : new McpException(label + " stopped reading its stdin"
                        + process.stderrSuffix());
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(this::stop).subscribeOn(Schedulers.boundedElastic());
    }

    /** Stops the server process; safe to call more than once. */
    void stop() {
        closing = true;
        process.stop();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return mapper.convertValue(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return Revisions.SPOKEN;
    }
}
