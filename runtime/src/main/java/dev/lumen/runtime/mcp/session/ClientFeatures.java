package dev.lumen.runtime.mcp.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.mcp.McpElicitation;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpSampler;
import dev.lumen.runtime.mcp.McpServerClause;
import dev.lumen.runtime.mcp.McpServerGrant;
import dev.lumen.runtime.mcp.McpSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The client capabilities a session declares and how it answers the server's requests, from the server grant
 * (mcp-bridge-v1.md §11.3): {@code elicitation} by its policy, {@code roots} with the granted paths, and
 * {@code sampling} by a call of the granted {@code llm.chat} alias, made by the thread waiting for the server.
 * A capability the grant does not give is not declared, and the SDK refuses its requests at once.
 */
final class ClientFeatures {
    private final String label;
    private final McpServerGrant grant;
    private final Path directory;
    private final CallerDesk desk;
    private final Supplier<McpSampler> sampler;
    private final ObjectMapper json;

    ClientFeatures(String label, McpSettings settings, CallerDesk desk, Supplier<McpSampler> sampler, ObjectMapper json) {
        this.label = label;
        this.grant = settings.grant();
        this.directory = settings.directory();
        this.desk = desk;
        this.sampler = sampler;
        this.json = json;
    }

    /** Declares the granted capabilities on {@code spec}, with their handlers. */
    McpClient.AsyncSpec apply(McpClient.AsyncSpec spec) {
        McpSchema.ClientCapabilities.Builder capabilities = McpSchema.ClientCapabilities.builder();
        Optional<McpElicitation> elicitation = grant.elicitation();
        if (elicitation.isPresent()) {
            capabilities.elicitation(true, false); // forms; no URL mode: Lumen has no browser to open
            spec.elicitation(request -> elicit(elicitation.get(), request));
        }
        List<String> roots = grant.values(McpServerClause.ROOTS);
        if (!roots.isEmpty()) {
            capabilities.roots(false);
            spec.roots(roots.stream().map(this::root).toList());
        }
        Optional<String> chat = grant.value(McpServerClause.SAMPLING);
        if (chat.isPresent()) {
            capabilities.sampling();
            spec.sampling(request -> sample(chat.get(), request));
        }
        return spec.capabilities(capabilities.build()).applyElicitationDefaults(false);
    }

    /** A granted root: its path read against the document's directory, as a {@code file://} URI. */
    private McpSchema.Root root(String path) {
        return new McpSchema.Root(directory.resolve(path).normalize().toUri().toString(), path);
    }

    private Mono<McpSchema.ElicitResult> elicit(McpElicitation policy, McpSchema.ElicitFormRequest request) {
        String asked = "asked for input (elicitation/create: " + quoted(request.message()) + ")";
        return switch (policy) {
            case DECLINE -> Mono.just(McpSchema.ElicitResult.builder(McpSchema.ElicitResult.Action.DECLINE).build());
            case FAIL -> refuse(label + " " + asked + ", and its grant answers elicitation with \"fail\"",
                    "the client refuses elicitation (elicitation \"fail\")");
            case DEFAULTS -> {
                try {
                    Map<String, Object> content = ElicitationAnswers.defaults(request.requestedSchema());
                    yield Mono.just(McpSchema.ElicitResult.builder(McpSchema.ElicitResult.Action.ACCEPT)
                            .content(content).build());
                } catch (ElicitationAnswers.NoDefault e) {
                    yield refuse(label + " " + asked + ", but the required property `" + e.property()
                            + "` has no default for elicitation \"defaults\" to answer with",
                            "the required property `" + e.property() + "` has no default, and the client answers"
                                    + " with defaults only (elicitation \"defaults\")");
                }
            }
        };
    }

    /** Answers the server with an error and fails the call it was serving with {@code failure}. */
    private <T> Mono<T> refuse(String failure, String answer) {
        desk.failWaitingAfterAnswer(new McpException(failure));
        return Mono.error(McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message(answer).build());
    }

    private Mono<McpSchema.CreateMessageResult> sample(String alias, McpSchema.CreateMessageRequest request) {
        JsonNode params = json.valueToTree(request);
        return Mono.fromFuture(desk.onCaller(() -> {
            McpSampler run = sampler.get();
            if (run == null) {
                throw new SamplingRefused("no run is there to answer it");
            }
            JsonNode input;
            try {
                input = SamplingMessages.chatInput(params);
            } catch (IllegalArgumentException e) {
                throw new SamplingRefused(e.getMessage());
            }
            McpSampler.Reply reply = run.chat(alias, input);
            return McpSchema.CreateMessageResult.builder(McpSchema.Role.ASSISTANT, reply.text(), reply.model())
                    .stopReason(McpSchema.CreateMessageResult.StopReason.END_TURN).build();
        }, reason -> McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                .message("Lumen did not answer sampling/createMessage: " + reason).build()));
    }

    private static String quoted(String text) {
        String t = text == null ? "" : text;
        return "\"" + (t.length() > 80 ? t.substring(0, 80) + "…" : t) + "\"";
    }

    /** A sampling request the run cannot answer: the server is told why; the program goes on. */
    static final class SamplingRefused extends Exception {
        private static final long serialVersionUID = 1L;

        SamplingRefused(String message) {
            super(message);
        }
    }
}
