package dev.lumen.runtime.tools.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.tools.ToolFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One message of a chat, as {@code llm.chat} receives it: a {@code RoleText} {@code {role, content}}. */
record ChatMessage(String role, String content) {
    static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    /**
     * The messages of the call's input {@code {"messages": [{"role": …, "content": …}, …]}}, in order. Role
     * expressions always have a valid role, but a {@code RoleText} record literal does not (lumen-v1.md §13.2).
     */
    static List<ChatMessage> listFrom(JsonNode input) {
        JsonNode list = input.get("messages");
        if (list == null || !list.isArray()) {
            throw new ToolFailure("input `messages` must be a list of {role, content} messages");
        }
        if (list.isEmpty()) {
            throw new ToolFailure("input `messages` is empty: a chat needs at least one message");
        }
        List<ChatMessage> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (!m.isObject() || role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new ToolFailure("messages[" + i + "] must be a {role: String, content: String} message");
            }
            if (!ROLES.contains(role.textValue())) {
                throw new ToolFailure("messages[" + i + "] has role `" + role.textValue()
                        + "`; a message's role is system, user, assistant or tool");
            }
            out.add(new ChatMessage(role.textValue(), content.textValue()));
        }
        return out;
    }
}
