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

/** `Chat(…) expect schema T` passes T's JSON Schema to the call, as input `response_schema`. */
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
    void aReplyValidatedLaterIsAskedInProse() {
        LirModule m = Lowered.module(TYPES + """
                cell run() -> Ticket
                  let reply = Chat(role user: "hi")
                  return reply expect schema Ticket
                end
                """);
        assertFalse(strings(m).contains("response_schema"));
    }
}
