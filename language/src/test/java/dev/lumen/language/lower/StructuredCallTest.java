package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.LirModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call of `llm.chat` validated against T passes T's JSON Schema to the call, as input `response_schema`:
 * `Chat(…) expect schema T`, `validate(schema T, Chat(…))`, and a `let` of the call whose every read is
 * validated against T (tools-llm.md §4.3.1).
 */
class StructuredCallTest {
    private static final String TYPES = """
            record Ticket
              title: String where length(title) <= 80
              note:  String | Null
            end

            use tool llm.chat as Chat
            grant Chat model "m"
            """;

    private static List<String> strings(LirModule m) {
        return m.cells().stream().flatMap(c -> c.constants().stream()).filter(Constant.StringConst.class::isInstance)
                .map(c -> ((Constant.StringConst) c).value()).toList();
    }

    @Test
    void anExpectedCallIsSentItsTypesSchema() throws Exception {
        LirModule m = Lowered.module(TYPES + """
                cell run() -> Ticket
                  return Chat(role user: "hi") expect schema Ticket
                end
                """);
        List<String> strings = strings(m);
        assertTrue(strings.contains("response_schema"), strings.toString());
        String schema = strings.stream().filter(s -> s.startsWith("{")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(schema);
        assertEquals("object", json.at("/type").asText(), schema);
        assertEquals(80, json.at("/properties/title/maxLength").asInt(), schema);
    }

    @Test
    void aRepairLoopAndARepairAreSentTheSchemaOfTheTypeNotOfTheResult() throws Exception {
        for (String cells : List.of("""
                cell run() -> result[Ticket, ValidationError]
                  return validate(schema Ticket, Chat(role user: "hi"))
                    on_fail retry 2 with_errors
                end
                """, """
                cell run() -> Ticket
                  return Chat(role user: "hi") expect schema Ticket
                    on_fail retry 2 with_errors
                end
                """, """
                cell run(e: ValidationError) -> result[Ticket, ValidationError]
                  return repair(schema Ticket, "{}", e, via Chat)
                end
                """)) {
            String schema = strings(Lowered.module(TYPES + cells)).stream().filter(s -> s.contains("\"properties\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no schema sent: " + cells));
            JsonNode json = new ObjectMapper().readTree(schema);
            assertEquals("object", json.at("/type").asText(), cells + schema);
            assertEquals(80, json.at("/properties/title/maxLength").asInt(), cells + schema);
        }
    }

    private static boolean sendsASchema(String cells) {
        return strings(Lowered.module(TYPES + cells)).contains("response_schema");
    }

    @Test
    void aCallValidatedSoftlyIsSentItsTypesSchema() {
        assertTrue(sendsASchema("""
                cell run() -> result[Ticket, ValidationError]
                  return validate(schema Ticket, Chat(role user: "hi"))
                end
                """));
    }

    @Test
    void aReplyOnlyEverValidatedAgainstOneTypeIsSentItsSchema() {
        assertTrue(sendsASchema("""
                cell run() -> result[Ticket, ValidationError]
                  let reply = Chat(role user: "hi")
                  return validate(schema Ticket, reply)
                end
                """), "validate");
        assertTrue(sendsASchema("""
                cell run() -> Ticket
                  let reply = Chat(role user: "hi")
                  return reply expect schema Ticket
                end
                """), "expect schema");
        assertTrue(sendsASchema("""
                cell run(strict: Bool) -> Ticket
                  let reply = Chat(role user: "hi")
                  if strict
                    return reply expect schema Ticket
                  end
                  match validate(schema Ticket, reply)
                    ok(t)  -> return t
                    err(e) -> return Ticket { title: "none", note: e.message }
                  end
                end
                """), "validated twice, against the same type");
        assertTrue(sendsASchema("""
                cell run() -> Ticket
                  @parallel
                  let reply = Chat(role user: "hi")
                  let other = Chat(role user: "ho")
                  @end
                  return reply expect schema Ticket
                end
                """), "a `let` of a @parallel block");
        assertTrue(sendsASchema("""
                cell run() -> list[Ticket]
                  let reply = Chat(role user: "hi")
                  match validate(schema list[Ticket], reply)
                    ok(ts) -> return ts
                    err(e) -> return reply expect schema list[Ticket]
                  end
                end
                """), "the same type written twice");
    }

    @Test
    void aReplyUsedOtherwiseIsAskedInProse() {
        assertFalse(sendsASchema("""
                record Note
                  text: String
                end

                cell run() -> result[Note, ValidationError]
                  let reply = Chat(role user: "hi")
                  match validate(schema Ticket, reply)
                    ok(t)  -> return ok(Note { text: t.title })
                    err(e) -> return validate(schema Note, reply)
                  end
                end
                """), "two types");
        assertFalse(sendsASchema("""
                cell run() -> String
                  let reply = Chat(role user: "hi")
                  let ticket = reply expect schema Ticket
                  return "{ticket.title}: {reply}"
                end
                """), "also read as text");
        assertFalse(sendsASchema("""
                cell run() -> Ticket
                  let mut reply = Chat(role user: "hi")
                  reply = "none"
                  return reply expect schema Ticket
                end
                """), "reassigned");
        assertFalse(sendsASchema("""
                cell run() -> String
                  let reply = Chat(role user: "hi")
                  return "asked"
                end
                """), "never read");
        assertFalse(sendsASchema("""
                cell check(reply: String) -> Ticket
                  return reply expect schema Ticket
                end

                cell run() -> Ticket
                  return check(Chat(role user: "hi"))
                end
                """), "validated in another cell");
    }
}
