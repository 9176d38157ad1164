package dev.lumen.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java functions offered to documents as tools: imported, granted, typed, traced and cached like any tool. */
class HostToolsTest {
    @TempDir
    Path store;

    static final String SHOUT = """
            {"tool_id": "text.shout", "version": "1.0.0", "effect": "%s",
             "input_schema": {"type": "record", "fields": {"text": {"type": "String"}, "times": {"type": "Int"}}},
             "output_schema": {"type": "record", "fields": {"text": {"type": "String"}, "length": {"type": "Int"}}}}
            """;

    static final String DOCUMENT = """
            # Shouting

            ```lumen
            use tool text.shout as Shout
            grant Shout

            cell loud(text: String) -> String
              let out = Shout(text: text, times: 2)
              return out.text + " " + to_string(out.length)
            end
            ```
            """;

    /** A shout whose output is a record, which the function hands back as a Java record. */
    record Shouted(String text, long length) {
    }

    static Context context(Path store) {
        Context.Builder b = Context.newBuilder("lumen").allowPolyglotAccess(PolyglotAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false");
        if (store != null) {
            b.option("lumen.Store", store.toString());
        }
        return b.build();
    }

    static Value eval(Context context, String text) {
        return context.eval(Source.newBuilder("lumen", text, "shout.lm.md").buildLiteral());
    }

    /** Offers text.shout with {@code effect}, counting its calls. */
    static AtomicInteger offerShout(Context context, String effect) {
        AtomicInteger calls = new AtomicInteger();
        HostTools.define(context, SHOUT.formatted(effect), input -> {
            calls.incrementAndGet();
            String text = ((String) input.get("text")).toUpperCase().repeat(((Long) input.get("times")).intValue());
            return new Shouted(text, text.length());
        });
        return calls;
    }

    @Test
    void aDocumentCallsAJavaFunctionItImportsAndGrants() {
        try (Context context = context(null)) {
            AtomicInteger calls = offerShout(context, "pure");
            assertEquals("HEYHEY 6", eval(context, DOCUMENT).getMember("loud").execute("hey").asString());
            assertEquals(1, calls.get());
        }
    }

    @Test
    void withoutAGrantTheCallIsRefusedAsForAnyTool() {
        try (Context context = context(null)) {
            AtomicInteger calls = offerShout(context, "pure");
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> eval(context, DOCUMENT.replace("grant Shout\n", "")));
            assertTrue(e.isSyntaxError());
            assertTrue(e.getMessage().contains("error[E0041]: tool `Shout` is called without a grant"), e.getMessage());
            assertEquals(0, calls.get());
        }
    }

    @Test
    void aWrongArgumentIsADiagnosticAtTheCall() {
        try (Context context = context(null)) {
            offerShout(context, "pure");
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> eval(context, DOCUMENT.replace("times: 2", "times: \"2\"")));
            assertTrue(e.isSyntaxError());
            assertTrue(e.getMessage().contains("error[E0012]"), e.getMessage());
            assertTrue(e.getMessage().contains("--> shout.lm.md:8:38"), e.getMessage());
            assertTrue(e.getMessage().contains("expected `Int`, found `String`"), e.getMessage());
        }
    }

    @Test
    void aPureHostToolIsAnsweredFromTheCacheAndItsCallsAreTraced() throws IOException {
        try (Context context = context(store)) {
            AtomicInteger calls = offerShout(context, "pure");
            Value loud = eval(context, DOCUMENT).getMember("loud");
            assertEquals("HEYHEY 6", loud.execute("hey").asString());
            assertEquals("HEYHEY 6", loud.execute("hey").asString());
            assertEquals(1, calls.get(), "the second run is answered from the cache");
            List<JsonNode> toolCalls = events("tool_call");
            assertEquals(2, toolCalls.size());
            for (JsonNode call : toolCalls) {
                assertEquals("text.shout", call.get("tool_id").asText());
                assertEquals("1.0.0", call.get("tool_version").asText());
                assertEquals("{\"text\":\"hey\",\"times\":2}", call.get("inputs").toString());
                assertEquals("{\"length\":6,\"text\":\"HEYHEY\"}", call.get("outputs").toString());
            }
            assertEquals(List.of(false, true), toolCalls.stream().map(c -> c.get("cached").asBoolean()).toList());
        }
    }

    @Test
    void aToolThatChangesThingsIsCalledOnEveryRun() {
        try (Context context = context(store)) {
            AtomicInteger calls = offerShout(context, "write");
            Value loud = eval(context, DOCUMENT).getMember("loud");
            loud.execute("hey");
            loud.execute("hey");
            assertEquals(2, calls.get());
        }
    }

    @Test
    void aReplayTakesTheRecordedOutputWithoutCallingTheFunction() throws IOException {
        try (Context context = context(store)) {
            offerShout(context, "write");
            eval(context, DOCUMENT).getMember("loud").execute("hey");
        }
        String run;
        try (Stream<Path> traces = Files.list(store.resolve(".lumen/trace"))) {
            run = traces.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".jsonl")).findFirst()
                    .orElseThrow().replace(".jsonl", "");
        }
        try (Context context = Context.newBuilder("lumen").allowPolyglotAccess(PolyglotAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").option("lumen.Store", store.toString())
                .option("lumen.Replay", run).build()) {
            AtomicInteger calls = offerShout(context, "write");
            assertEquals("HEYHEY 6", eval(context, DOCUMENT).getMember("loud").execute("hey").asString());
            assertEquals(0, calls.get());
        }
    }

    @Test
    void aFunctionThatThrowsFailsTheCallWithItsMessage() throws IOException {
        try (Context context = context(store)) {
            HostTools.define(context, SHOUT.formatted("pure"), input -> {
                throw new IllegalStateException("the megaphone is broken");
            });
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> eval(context, DOCUMENT).getMember("loud").execute("hey"));
            assertTrue(e.isGuestException());
            assertEquals("`Shout` (text.shout) failed: the megaphone is broken", e.getMessage());
            assertEquals("tool", e.getGuestObject().getMember("kind").asString());
            assertEquals(8, e.getSourceLocation().getStartLine());
            JsonNode failed = events("tool_call").get(0);
            assertEquals("tool", failed.get("error_kind").asText());
            assertEquals("`Shout` (text.shout) failed: the megaphone is broken", failed.get("message").asText());
        }
    }

    @Test
    void anOutputThatIsNotOfTheManifestsTypeIsAToolError() {
        try (Context context = context(null)) {
            HostTools.define(context, SHOUT.formatted("pure"), input -> Map.of("text", 42, "length", 2));
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> eval(context, DOCUMENT).getMember("loud").execute("hey"));
            assertEquals("`Shout` (text.shout) returned an output that is not a Shout$output: "
                    + "at `output.text`: expected String, found number 42", e.getMessage());
        }
    }

    @Test
    void aManifestThatIsNotAHostToolsIsRefusedWhenItIsDefined() {
        try (Context context = context(null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostTools.define(context,
                    SHOUT.formatted("pure").replace("\"effect\"", "\"exec\": {\"command\": \"shout\"}, \"effect\""),
                    input -> null));
            assertTrue(e.getMessage().contains("its `exec` is {\"host\": true} or absent, not `command`"), e.getMessage());
        }
    }

    @Test
    void anOfferWithoutAFunctionIsNotedWhereTheImportFails() {
        try (Context context = context(null)) {
            context.getPolyglotBindings().putMember("lumen.tool.text.shout",
                    ProxyObject.fromMap(Map.of("manifest", SHOUT.formatted("pure"), "call", "not a function")));
            PolyglotException e = assertThrows(PolyglotException.class, () -> eval(context, DOCUMENT));
            assertTrue(e.getMessage().contains("error[E0040]: unknown tool `text.shout`"), e.getMessage());
            assertTrue(e.getMessage().contains("note: the host's polyglot binding `lumen.tool.text.shout` was skipped: "
                    + "its `call` is not a function"), e.getMessage());
        }
    }

    @Test
    void theBindingNamesTheToolItOffers() {
        try (Context context = context(null)) {
            ProxyExecutable call = args -> null;
            context.getPolyglotBindings().putMember("lumen.tool.text.yell",
                    ProxyObject.fromMap(Map.of("manifest", SHOUT.formatted("pure"), "call", call)));
            PolyglotException e = assertThrows(PolyglotException.class, () -> eval(context, DOCUMENT));
            assertTrue(e.getMessage().contains("it offers `text.yell`, but its manifest's tool_id is `text.shout`"),
                    e.getMessage());
        }
    }

    @Test
    void aHostToolCannotTakeTheIdOfABundledTool() {
        try (Context context = context(null)) {
            HostTools.define(context, SHOUT.formatted("pure").replace("text.shout", "json.parse"), input -> null);
            // the example of E0052 in docs/spec/diagnostics.md
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(Source.newBuilder("lumen",
                    "```lumen\nuse tool json.parse as Parse\ngrant Parse\n```\n", "example.lm.md").buildLiteral()));
            assertEquals("""
                    error[E0052]: the host tool `json.parse` has the id of another tool
                     --> example.lm.md:2:10
                      |
                    2 | use tool json.parse as Parse
                      |          ^^^^^^^^^^ imports of this id find neither tool: a host tool cannot stand in for another
                      |
                      = note: the host offers `json.parse` (the host's polyglot binding `lumen.tool.json.parse`), and Lumen bundles a tool with that id
                      = help: give the host tool an id of its own, such as `host.json.parse`

                    error: could not compile `example.lm.md` due to 1 previous error
                    """, e.getMessage());
        }
    }

    @Test
    void theFunctionGetsTheGrantsOfTheCall() {
        try (Context context = context(null)) {
            List<Object> seen = new ArrayList<>();
            ProxyExecutable call = args -> {
                seen.add(args[1].getMember("grants").getMember("rate_limit").getArrayElement(0).asLong());
                seen.add(args[1].getMember("tool_id").asString());
                return ProxyObject.fromMap(Map.of("text", "ok", "length", 2));
            };
            context.getPolyglotBindings().putMember("lumen.tool.text.shout", ProxyObject.fromMap(Map.of(
                    "manifest", SHOUT.formatted("pure").replace("\"effect\"",
                            "\"capabilities\": {\"supports_rate_limit\": true}, \"effect\""), "call", call)));
            Value loud = eval(context, DOCUMENT.replace("grant Shout", "grant Shout rate_limit 5 per_minute"))
                    .getMember("loud");
            assertEquals("ok 2", loud.execute("hey").asString());
            assertEquals(List.of(5L, "text.shout"), seen);
        }
    }

    @Test
    void withoutAccessToThePolyglotBindingsNoHostToolIsFound() {
        try (Context context = Context.newBuilder("lumen").option("engine.WarnInterpreterOnly", "false").build()) {
            AtomicInteger calls = offerShout(context, "pure");
            PolyglotException e = assertThrows(PolyglotException.class, () -> eval(context, DOCUMENT));
            assertTrue(e.getMessage().contains("error[E0040]: unknown tool `text.shout`"), e.getMessage());
            assertFalse(e.getMessage().contains("skipped"), e.getMessage());
            assertEquals(0, calls.get());
        }
    }

    @Test
    void aFunctionThatRunsLumenOfItsOwnContextFailsItsCallAndTheRunIsRecorded() throws IOException {
        // The function calls back into the context that called it: that would start a run inside the run.
        try (Context context = context(store)) {
            Value[] module = new Value[1];
            HostTools.define(context, SHOUT.formatted("write"),
                    input -> Map.of("text", module[0].invokeMember("loud", "again").asString(), "length", 1));
            module[0] = eval(context, DOCUMENT);
            PolyglotException e = assertThrows(PolyglotException.class, () -> module[0].invokeMember("loud", "hey"));
            assertTrue(e.getMessage().startsWith("`Shout` (text.shout) failed: cannot run `loud`: a run of `loud` is"
                    + " in progress in this context, and a host tool's function cannot run Lumen code of the context"
                    + " that called it"), e.getMessage());
            assertEquals("tool", e.getGuestObject().getMember("kind").asString());
            // One run, whose trace ends with its failure; the context runs again afterwards.
            assertEquals(1, events("run_start").size());
            assertEquals(List.of("error"), events("run_end").stream().map(end -> end.path("status").asText()).toList());
            assertEquals(1, events("tool_call").size());
            HostTools.define(context, SHOUT.formatted("write"), input -> Map.of("text", "ok", "length", 2));
            assertEquals("ok 2", module[0].invokeMember("loud", "x").asString());
            assertEquals(2, events("run_end").size());
        }
    }

    /** The events of {@code kind} in the store's traces, in run order. */
    private List<JsonNode> events(String kind) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> traces = Files.list(store.resolve(".lumen/trace"))) {
            files = traces.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                JsonNode event = json.readTree(line);
                if (kind.equals(event.path("kind").asText())) {
                    out.add(event);
                }
            }
        }
        return out;
    }
}
