package dev.lumen.runtime.tools.llm;

import static dev.lumen.runtime.tools.llm.Chats.grants;
import static dev.lumen.runtime.tools.llm.Chats.messages;
import static dev.lumen.runtime.tools.llm.Chats.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What llm.chat does whatever the provider: limits, budgets, timeouts, sizes, its input. */
@Timeout(10)
class LlmChatTest {
    private static final JsonNode HELLO = messages("user", "Say hello.");

    private FakeLlmServer server;
    private LlmChat chat;

    @BeforeEach
    void start() throws Exception {
        server = new FakeLlmServer();
        chat = new LlmChat(Map.of("OPENAI_BASE_URL", server.url() + "/v1"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theRegistryRunsLlmChatInProcess() {
        assertInstanceOf(LlmChat.class, BuiltinTool.find("llm.chat").orElseThrow());
    }

    @Test
    void aCallPastTheGrantedTimeoutIsAPolicyViolation() {
        server.replyAfter(5_000, 200, Recorded.OPENAI_REPLY.getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        PolicyViolation v = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(PolicyViolation.class,
                () -> chat.call(request(HELLO, grants("model", "gpt-4o-mini", "timeout_ms", 300L)))));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals("timeout_ms", v.clause());
        assertEquals("no reply from " + server.url() + "/v1/chat/completions within 300 ms (timeout_ms 300)", v.getMessage());
        assertTrue(elapsedMs >= 300 && elapsedMs < 2_000, elapsedMs + " ms");
    }

    @Test
    void theTokenBudgetIsSharedByTheCallsOfARunAndRefusesCallsOnceSpent() throws Exception {
        Grants budget = grants("model", "gpt-4o-mini", "token_budget", 40L);
        RunLimits run = new RunLimits();
        server.reply(200, Recorded.OPENAI_REPLY).reply(200, Recorded.OPENAI_REPLY).reply(200, Recorded.OPENAI_REPLY);
        chat.call(request(HELLO, budget, run));
        assertEquals(29, run.tokensUsed("llm.chat"));
        chat.call(request(HELLO, budget, run)); // 29 of 40 used: the call may start, and overruns
        assertEquals(58, run.tokensUsed("llm.chat"));
        PolicyViolation spent = assertThrows(PolicyViolation.class, () -> chat.call(request(HELLO, budget, run)));
        assertEquals("token_budget", spent.clause());
        assertEquals("`llm.chat` has used 58 tokens in this run, its token_budget is 40", spent.getMessage());
        server.request();
        server.request();
        assertEquals(0, server.pending(), "the refused call sent nothing");

        chat.call(request(HELLO, budget, new RunLimits()));
        server.request(); // a new run starts with a fresh budget
    }

    @Test
    void aBudgetPerDayIsSpentAcrossTheRunsSharingAStore(@TempDir Path dir) throws Exception {
        Grants perDay = grants("model", "gpt-4o-mini", "token_budget", 40L, "token_budget", "per_day");
        Store store = Store.at(dir);
        server.reply(200, Recorded.OPENAI_REPLY).reply(200, Recorded.OPENAI_REPLY).reply(200, Recorded.OPENAI_REPLY);
        RunLimits first = new RunLimits(store.limits());
        chat.call(request(HELLO, perDay, first));
        chat.call(request(HELLO, perDay, first)); // 29 of 40 used: it may start, and overruns

        RunLimits next = new RunLimits(Store.at(dir).limits());
        PolicyViolation spent = assertThrows(PolicyViolation.class, () -> chat.call(request(HELLO, perDay, next)));
        assertEquals("token_budget", spent.clause());
        assertEquals("`llm.chat` has used 58 tokens in the last day under this grant, its token_budget 40 per_day,"
                + " counted over the runs sharing the store `" + dir.toAbsolutePath().normalize().resolve(".lumen") + "`",
                spent.getMessage());
        assertEquals(0, next.tokensUsed("llm.chat"), "the next run has spent nothing of its own");
        server.request();
        server.request();
        assertEquals(0, server.pending(), "the refused call sent nothing");

        Grants perRun = grants("model", "gpt-4o-mini", "token_budget", 40L);
        chat.call(request(HELLO, perRun, new RunLimits(store.limits())));
        server.request(); // a budget per run, another limit, starts afresh
    }

    @Test
    void aReplyWithoutUsageCannotKeepATokenBudget() {
        server.reply(200, Recorded.OPENAI_WITHOUT_USAGE).reply(200, Recorded.OPENAI_WITHOUT_USAGE);
        ToolResult result = chat.call(request(HELLO, grants("model", "local")));
        assertEquals("Paris.", result.output().textValue());
        assertFalse(result.usage().containsKey("gen_ai.usage.input_tokens"));
        PolicyViolation v = assertThrows(PolicyViolation.class,
                () -> chat.call(request(HELLO, grants("model", "local", "token_budget", 1000L))));
        assertEquals("token_budget", v.clause());
        assertEquals("the reply from " + server.url() + "/v1/chat/completions does not say how many tokens it used, so"
                + " token_budget 1000 cannot be kept", v.getMessage());
    }

    @Test
    void aReplyOverEightMebibytesIsRefused() {
        byte[] huge = new byte[(int) ProviderHttp.MAX_REPLY_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        server.replyAfter(0, 200, huge);
        ToolFailure f = assertThrows(ToolFailure.class, () -> chat.call(request(HELLO, grants("model", "m"))));
        assertEquals("the reply from " + server.url() + "/v1/chat/completions is larger than 8388608 bytes (8 MiB)",
                f.getMessage());
    }

    @Test
    void anEndpointThatIsNotListeningIsAFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LlmChat nowhere = new LlmChat(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + port + "/v1"));
        ToolFailure f = assertThrows(ToolFailure.class, () -> nowhere.call(request(HELLO, grants("model", "m"))));
        assertEquals("cannot reach http://127.0.0.1:" + port + "/v1/chat/completions: the connection was refused",
                f.getMessage());
    }

    @Test
    void theGrantIsCheckedBeforeTheInputAndNothingIsSentWhenItRefuses() {
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> chat.call(request(
                CanonicalJson.parse("{\"messages\": 3}"), grants())));
        assertEquals("model", v.clause());
        assertEquals(0, server.pending());
    }

    @Test
    void malformedMessagesAreRefused() {
        Grants grant = grants("model", "m");
        assertEquals("input `messages` must be a list of {role, content} messages", assertThrows(ToolFailure.class,
                () -> chat.call(request(CanonicalJson.parse("{}"), grant))).getMessage());
        assertEquals("input `messages` is empty: a chat needs at least one message", assertThrows(ToolFailure.class,
                () -> chat.call(request(CanonicalJson.parse("{\"messages\": []}"), grant))).getMessage());
        assertEquals("messages[1] must be a {role: String, content: String} message", assertThrows(ToolFailure.class,
                () -> chat.call(request(CanonicalJson.parse(
                        "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"user\"}]}"), grant)))
                .getMessage());
        assertEquals("messages[0] has role `narrator`; a message's role is system, user, assistant or tool",
                assertThrows(ToolFailure.class, () -> chat.call(request(messages("narrator", "Once upon a time"), grant)))
                        .getMessage());
        assertEquals(0, server.pending());
    }
}
