package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.JsonReading;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The bundled tool {@code llm.chat} (docs/spec/tools-llm.md): sends the call's role messages to an
 * OpenAI-compatible or Anthropic endpoint, under the call's grant, and returns the reply text. Token usage and
 * latency go in the result's usage; the tokens count against the run's {@code token_budget}.
 */
public final class LlmChat implements BuiltinTool {
    /** The input that carries an {@code expect schema} call's JSON Schema. */
    public static final String RESPONSE_SCHEMA = "response_schema";
    private static final ObjectMapper SCHEMA_READER = JsonReading.mapper().build();

    /** The variables this tool was made with, or null to read the {@link Host}'s at each call. */
    private final Environment fixed;
    private final ProviderHttp http = new ProviderHttp();

    /** The tool of a run: it reads the variables of the {@link Host} each call runs for. */
    public LlmChat() {
        this.fixed = null;
    }

    /** @param environment the variables that choose and configure the provider, whoever the call runs for */
    public LlmChat(Map<String, String> environment) {
        this.fixed = new Environment(environment);
    }

    @Override
    public ToolResult call(ToolRequest request) {
        // One instance serves every run of the process, and runs may be for different hosts.
        Environment environment = fixed != null ? fixed : new Environment(Host.current().environment());
        Grants grants = request.grants();
        ChatSettings settings = ChatSettings.from(grants, environment);
        // The request does not carry the alias: a budget per run counts all llm.chat calls of the run.
        String budgetTarget = request.toolId();
        request.run().checkBudget(budgetTarget, grants);
        List<ChatMessage> messages = ChatMessage.listFrom(request.input());
        ChatProvider provider = ProviderChoice.choose(environment, settings.model());
        String body = CanonicalJson.write(provider.body(settings, messages, responseSchema(request, settings)));
        long started = System.nanoTime();
        HttpAnswer answer = send(provider, body, settings);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!answer.succeeded()) {
            throw ProviderErrors.failure(provider, answer);
        }
        ChatReply reply = provider.read(ReplyJson.parse(provider.endpoint(), answer.body()));
        countTokens(request, budgetTarget, provider, reply);
        if (reply.refused()) {
            throw new ToolFailure("the model refused to answer" + (reply.text().isEmpty() ? "" : ": " + reply.text()));
        }
        if (reply.text().isEmpty()) {
            throw new ToolFailure(noText(provider, settings, reply));
        }
        return new ToolResult(TextNode.valueOf(reply.text()), GenAiUsage.of(provider, settings, reply, seconds));
    }

    /**
     * The schema of an {@code expect schema T} call, which the compiler passes as the input
     * {@value #RESPONSE_SCHEMA} (tools-llm.md §4.3), when the grant lets it be sent.
     */
    private static Optional<JsonNode> responseSchema(ToolRequest request, ChatSettings settings) {
        JsonNode schema = request.input().get(RESPONSE_SCHEMA);
        if (schema == null || schema.isNull() || !settings.structured()) {
            return Optional.empty();
        }
        if (schema.isTextual()) { // the compiler writes it as a String constant
            try {
                schema = SCHEMA_READER.readTree(schema.textValue());
            } catch (JsonProcessingException e) {
                throw new ToolFailure("input `" + RESPONSE_SCHEMA + "` is not JSON: " + e.getOriginalMessage());
            }
        }
        if (!schema.isObject()) {
            throw new ToolFailure("input `" + RESPONSE_SCHEMA + "` must be a JSON Schema object");
        }
        return Optional.of(schema);
    }

    private HttpAnswer send(ChatProvider provider, String body, ChatSettings settings) {
        try {
            return http.post(provider.endpoint(), provider.headers(), body, settings.timeoutMs());
        } catch (TimeoutException e) {
            throw settings.noReplyInTime(provider.endpoint());
        }
    }

    /** Adds the reply's tokens to the run's budget, even for a reply that is then refused or empty. */
    private static void countTokens(ToolRequest request, String target, ChatProvider provider, ChatReply reply) {
        if (reply.tokens().isPresent()) {
            request.run().addTokens(target, request.grants(), reply.tokens().get().total());
            return;
        }
        Optional<Grants.Budget> budget = request.grants().budget();
        if (budget.isPresent()) {
            throw new PolicyViolation("token_budget", "the reply from " + provider.endpoint() + " does not say how"
                    + " many tokens it used, so token_budget " + budget.get() + " cannot be kept");
        }
    }

    private static String noText(ChatProvider provider, ChatSettings settings, ChatReply reply) {
        String none = "the reply from " + provider.endpoint() + " has no text";
        // Reasoning models can spend the whole max_tokens thinking: OpenAI says length, Anthropic max_tokens.
        if (reply.finishReasons().contains("length") || reply.finishReasons().contains("max_tokens")) {
            return none + ": the model reached max_tokens (" + settings.maxTokens() + ") before writing any";
        }
        return reply.finishReasons().isEmpty() ? none
                : none + " (finish reason: " + String.join(", ", reply.finishReasons()) + ")";
    }
}
