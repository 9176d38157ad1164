package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static dev.lumen.launcher.InvoiceAgentExampleTest.child;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `expect schema T` with `on_fail retry 2 with_errors` against a loopback server speaking the Anthropic
 * Messages API, which answers from a queue of replies: valid at once, valid on the second attempt, and never
 * valid. Then the same run offline, from the cache, with the same attempts and hash chain.
 */
class RepairLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCUMENT = Path.of("src", "test", "resources", "repair", "repair_loop.lm.md");
    private static final String VALID = "{\"id\": \"INV-7\", \"total\": 12.5}";
    private static final String SHORT_ID = "{\"id\": \"I7\", \"total\": 12.5}";
    private static final String NO_TOTAL = "{\"id\": \"INV-7\"}";

    @TempDir
    Path dir;

    private LoopbackAnthropic model;

    @BeforeEach
    void start() throws IOException {
        model = new LoopbackAnthropic();
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private EmitCommandTest.Run run(Path doc, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", doc.toString()));
        args.addAll(List.of(options));
        return child(model.environment(), args.toArray(String[]::new));
    }

    private Path document() throws IOException {
        return Files.copy(DOCUMENT, dir.resolve("repair_loop.lm.md"));
    }

    /**
     * The same run with {@code --offline} gives {@code first}'s output from the cache, asking the model nothing
     * more, with the hash chain of {@code trace}, the first run's.
     */
    private void offlineRepeats(Path doc, EmitCommandTest.Run first, Trace trace, String... options) {
        int asked = model.requests().size();
        List<String> args = new ArrayList<>(List.of("run", doc.toString(), "--offline"));
        args.addAll(List.of(options));
        EmitCommandTest.Run offline = lumen(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, offline.status(), offline.err());
        assertEquals(first.out(), offline.out());
        assertEquals(asked, model.requests().size(), "every attempt is answered from the cache");
        assertEquals(trace.events().getLast().hash(), latest().events().getLast().hash(),
                "the offline run has the first run's hash chain");
    }

    private Trace latest() {
        Store store = Store.at(dir);
        return TraceReader.read(store, store.runIds().getLast());
    }

    private static long count(Trace trace, EventKind kind) {
        return trace.events().stream().filter(e -> e.kind() == kind).count();
    }

    @Test
    void aValidFirstReplyAsksOnce() throws Exception {
        model.reply(VALID);
        EmitCommandTest.Run first = run(document());
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals("INV-7", JSON.readTree(first.out()).get("id").textValue());
        assertEquals(1, model.requests().size());
        assertEquals(1, count(latest(), EventKind.TOOL_CALL));
    }

    @Test
    void anInvalidReplyIsSentBackWithItsErrorsAndTheSecondIsTaken() throws Exception {
        model.reply(SHORT_ID);
        model.reply(VALID);
        Path doc = document();
        EmitCommandTest.Run first = run(doc);
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals("INV-7", JSON.readTree(first.out()).get("id").textValue());
        assertEquals(2, model.requests().size());

        JsonNode retry = model.requests().get(1).get("messages");
        assertEquals(3, retry.size(), retry.toString());
        assertEquals(model.requests().get(0).get("messages").get(0), retry.get(0), "the conversation so far, unchanged");
        assertEquals("assistant", retry.get(1).get("role").textValue());
        assertEquals(SHORT_ID, retry.get(1).get("content").textValue());
        assertEquals("user", retry.get(2).get("role").textValue());
        assertEquals("""
                Your reply does not match the required schema: 1 error.
                - id: length(id) >= 3; expected length(id) >= 3; actual "I7"
                Reply again with only the corrected JSON value, no other text.""",
                retry.get(2).get("content").textValue());

        Trace trace = latest();
        assertTrue(TraceVerifier.verify(Store.at(dir), Store.at(dir).runIds().getLast()).ok());
        assertEquals(2, count(trace, EventKind.TOOL_CALL));
        assertEquals(2, count(trace, EventKind.SCHEMA_VALIDATE));
        List<TraceEvent> calls = trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).toList();
        TraceEvent failed = trace.events().stream().filter(e -> e.kind() == EventKind.SCHEMA_VALIDATE).findFirst()
                .orElseThrow();
        assertEquals(null, calls.get(0).json().get("repairs"), "the first attempt repairs nothing");
        assertEquals(failed.seq(), calls.get(1).json().get("repairs").longValue(),
                "the retry names the validation that caused it");
        assertTrue(failed.seq() < calls.get(1).seq());

        offlineRepeats(doc, first, trace);
    }

    @Test
    void fixturesAnswerEveryAttemptInATest() throws IOException {
        Path doc = Files.copy(DOCUMENT.resolveSibling("repair_fixtures.lm.md"), dir.resolve("repair_fixtures.lm.md"));
        EmitCommandTest.Run run = lumen("test", doc.toString(), "--color", "never");
        assertEquals(ExitCodes.OK, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("5 passed, 0 failed"), run.out());
        assertTrue(model.requests().isEmpty(), "a test never reaches a model");
    }

    @Test
    void retriesAreCountedAgainstTheTokenBudget() throws Exception {
        model.reply(SHORT_ID);
        model.reply(SHORT_ID);
        model.reply(VALID);
        Path doc = document();
        Files.writeString(doc, Files.readString(doc).replace("temperature 0.0", "temperature 0.0 token_budget 60"));
        EmitCommandTest.Run first = run(doc);
        assertEquals(ExitCodes.ERRORS, first.status(), first.out());
        assertEquals(2, model.requests().size(), "the second attempt used up the budget (52 + 52 tokens of 60)");
        assertTrue(first.err().contains("token_budget"), first.err());
    }

    @Test
    void afterTheLastRetryTheLastValidationErrorHalts() throws Exception {
        model.reply(SHORT_ID);
        model.reply(NO_TOTAL);
        model.reply(SHORT_ID + " ");
        EmitCommandTest.Run first = run(document());
        assertEquals(ExitCodes.ERRORS, first.status(), first.out());
        assertEquals(3, model.requests().size(), "the first attempt and two retries");
        assertTrue(first.err().startsWith("error: after 3 attempts: 1 validation error for Invoice\n  id: "),
                first.err());
        assertEquals(5, model.requests().get(2).get("messages").size(), "each retry adds the reply and its errors");
        JsonNode second = model.requests().get(2).get("messages").get(4);
        assertTrue(second.get("content").textValue().contains("- total: required; expected Float; actual missing"),
                second.toString());
        Trace trace = latest();
        assertEquals(3, count(trace, EventKind.TOOL_CALL));
        assertEquals(3, count(trace, EventKind.SCHEMA_VALIDATE));
    }

    @Test
    void theSoftFormGivesTheLastErrorWithEveryAttemptsErrors() throws Exception {
        model.reply(SHORT_ID);
        model.reply(NO_TOTAL);
        model.reply(SHORT_ID + " ");
        Path doc = document();
        EmitCommandTest.Run first = run(doc, "--cell", "soft");
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals(3, model.requests().size(), "the first attempt and two retries");
        JsonNode error = JSON.readTree(first.out()).get("err");
        assertTrue(error.get("message").textValue().startsWith("after 3 attempts: 1 validation error for Invoice"),
                error.toString());
        assertEquals("id", error.get("errors").get(0).get("path").textValue(), "the last attempt's errors");
        JsonNode attempts = error.get("attempts");
        assertEquals(3, attempts.size(), error.toString());
        assertEquals(List.of("id", "total", "id"), attempts.valueStream()
                .map(a -> a.get(0).get("path").textValue()).toList(), "every attempt's errors, in order");
        Trace trace = latest();
        assertEquals(3, count(trace, EventKind.TOOL_CALL));
        assertEquals(3, count(trace, EventKind.SCHEMA_VALIDATE));

        offlineRepeats(doc, first, trace, "--cell", "soft");
    }

    @Test
    void theSoftFormIsOkOnceAReplyValidates() throws Exception {
        model.reply(SHORT_ID);
        model.reply(VALID);
        EmitCommandTest.Run first = run(document(), "--cell", "soft");
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals("INV-7", JSON.readTree(first.out()).get("ok").get("id").textValue(), first.out());
        assertEquals(2, model.requests().size());
    }

    @Test
    void repairSendsTheValueAndItsErrorsOnceAndLinksTheValidation() throws Exception {
        model.reply(VALID);
        Path doc = document();
        EmitCommandTest.Run first = run(doc, "--cell", "fix", "--arg", "text=" + SHORT_ID);
        assertEquals(ExitCodes.OK, first.status(), first.err());
        assertEquals("INV-7", JSON.readTree(first.out()).get("ok").get("id").textValue(), first.out());
        assertEquals(1, model.requests().size());
        JsonNode messages = model.requests().get(0).get("messages");
        assertEquals(3, messages.size(), messages.toString());
        assertEquals("user", messages.get(0).get("role").textValue());
        assertEquals("Reply with only a JSON value that matches the required schema.",
                messages.get(0).get("content").textValue());
        assertEquals(SHORT_ID, messages.get(1).get("content").textValue());
        assertTrue(messages.get(2).get("content").textValue().startsWith(
                "Your reply does not match the required schema: 1 error.\n- id: length(id) >= 3;"), messages.toString());

        Trace trace = latest();
        List<TraceEvent> validations = trace.events().stream().filter(e -> e.kind() == EventKind.SCHEMA_VALIDATE)
                .toList();
        TraceEvent call = trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).findFirst()
                .orElseThrow();
        assertEquals(2, validations.size(), "the value's validation, then the reply's");
        assertEquals(validations.get(0).seq(), call.json().get("repairs").longValue(),
                "the call names the validation whose errors it repairs");

        offlineRepeats(doc, first, trace, "--cell", "fix", "--arg", "text=" + SHORT_ID);
    }

    @Test
    void aRepairThatDoesNotValidateIsTheErrorOfOneAttempt() throws Exception {
        model.reply(NO_TOTAL);
        EmitCommandTest.Run first = run(document(), "--cell", "fix", "--arg", "text=" + SHORT_ID);
        assertEquals(ExitCodes.OK, first.status(), first.err());
        JsonNode error = JSON.readTree(first.out()).get("err");
        assertEquals("total", error.get("errors").get(0).get("path").textValue(), error.toString());
        assertEquals(1, error.get("attempts").size());
        assertEquals(1, model.requests().size());
    }
}
