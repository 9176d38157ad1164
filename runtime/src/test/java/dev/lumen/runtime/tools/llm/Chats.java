package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building llm.chat calls in tests. */
final class Chats {
    private Chats() {
    }

    /** The input {@code {"messages": […]}} from role, content pairs. */
    static JsonNode messages(String... roleContent) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        ArrayNode list = input.putArray("messages");
        for (int i = 0; i + 1 < roleContent.length; i += 2) {
            list.addObject().put("role", roleContent[i]).put("content", roleContent[i + 1]);
        }
        return input;
    }

    /** Grants from clause, value pairs; a clause given twice accumulates, as allowlists do. */
    static Grants grants(Object... clauseValue) {
        Map<String, List<Object>> clauses = new LinkedHashMap<>();
        for (int i = 0; i + 1 < clauseValue.length; i += 2) {
            clauses.computeIfAbsent((String) clauseValue[i], k -> new ArrayList<>()).add(clauseValue[i + 1]);
        }
        return Grants.of(clauses);
    }

    static ToolRequest request(JsonNode input, Grants grants, RunLimits run) {
        return new ToolRequest("llm.chat", input, grants, run);
    }

    static ToolRequest request(JsonNode input, Grants grants) {
        return request(input, grants, new RunLimits());
    }
}
