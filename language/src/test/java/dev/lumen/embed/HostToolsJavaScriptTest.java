package dev.lumen.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** A JavaScript function offered to a document as a tool, through the polyglot bindings. */
class HostToolsJavaScriptTest {

    /** Offers text.shout (its manifest a JS object) whose call runs {@code body}, and counts the calls. */
    static final String OFFER = """
            var calls = 0;
            Polyglot.export('lumen.tool.text.shout', {
              manifest: {
                tool_id: 'text.shout', version: '1.0.0', effect: 'pure',
                input_schema: {type: 'record', fields: {text: {type: 'String'}, times: {type: 'Int'}}},
                output_schema: {type: 'record', fields: {text: {type: 'String'}, length: {type: 'Int'}}}
              },
              call: (input, request) => { calls++; %s }
            });
            """;

    static Context context() {
        return Context.newBuilder("js", "lumen").allowPolyglotAccess(PolyglotAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").build();
    }

    static Value loud(Context context) {
        context.getBindings("js").putMember("doc", HostToolsTest.DOCUMENT);
        return context.eval("js", "var m = Polyglot.eval('lumen', doc); var loud = m.loud; loud");
    }

    @Test
    void aJavaScriptFunctionAnswersTheDocumentsCalls() {
        try (Context context = context()) {
            context.eval("js", OFFER.formatted(
                    "const t = input.text.toUpperCase().repeat(input.times); return {text: t, length: t.length};"));
            assertEquals("HEYHEY 6", loud(context).execute("hey").asString());
            assertEquals(1, context.getBindings("js").getMember("calls").asInt());
        }
    }

    @Test
    void aJavaScriptErrorFailsTheCallWithItsMessage() {
        try (Context context = context()) {
            context.eval("js", OFFER.formatted("throw new Error('the megaphone is broken');"));
            PolyglotException e = assertThrows(PolyglotException.class, () -> loud(context).execute("hey"));
            assertTrue(e.isGuestException());
            // the message JavaScript gives its error, as it would print it
            assertEquals("`Shout` (text.shout) failed: Error: the megaphone is broken", e.getMessage());
            assertEquals("tool", e.getGuestObject().getMember("kind").asString());
        }
    }

    @Test
    void aJavaScriptOutputOfTheWrongShapeIsAToolError() {
        try (Context context = context()) {
            context.eval("js", OFFER.formatted("return {text: input.text};"));
            PolyglotException e = assertThrows(PolyglotException.class, () -> loud(context).execute("hey"));
            assertTrue(e.getMessage().startsWith("`Shout` (text.shout) returned an output that is not a "),
                    e.getMessage());
        }
    }
}
