package dev.lumen.runtime.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.JsonReading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A native tool's manifest (blueprint §8): identity, input and output schemas, the grant clauses it
 * supports, what its calls do outside the program ({@code effect}; {@link Effect#WRITE} when it declares none)
 * and how it runs. Types inside schemas are Lumen type syntax (`map[String, String] | Null`);
 * the front end parses them. {@code hash} is the SHA-256 of the manifest's canonical JSON, what a lock file
 * pins: reformatting a manifest keeps it, any change of content does not.
 */
public record ToolManifest(
        String toolId,
        String version,
        String description,
        Schema input,
        Schema output,
        Set<Capability> capabilities,
        Effect effect,
        Exec exec,
        String hash) {

    private static final ObjectMapper JSON = JsonReading.mapper().build();

    public ToolManifest {
        capabilities = capabilities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /**
     * A schema: either {@code type} "record" with {@code fields} in declaration order, or a single Lumen type
     * such as "String" (then {@code fields} is empty). {@code positional} names the list field that collects
     * positional call arguments (llm.chat's role messages), or is null when arguments are named.
     */
    public record Schema(String type, Map<String, FieldSpec> fields, String positional) {
        public Schema {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public boolean isRecord() {
            return type.equals("record");
        }
    }

    /** A record field of a schema; {@code type} is Lumen type syntax. */
    public record FieldSpec(String name, String type, boolean optional, List<Constraint> constraints) {
        public FieldSpec {
            constraints = List.copyOf(constraints);
        }
    }

    /** A runtime constraint on an input field, e.g. kind "matches" with argument "pattern". */
    public record Constraint(String kind, Map<String, String> arguments) {
        public Constraint {
            arguments = Map.copyOf(arguments);
        }
    }

    /**
     * How the tool runs: built into the runtime ({@code builtin}), a function the embedding program offers
     * ({@code host}, tool-manifest-v1.md §8), or a subprocess {@code command} speaking JSON over stdio.
     */
    public record Exec(boolean builtin, boolean host, String command, List<String> args) {
        public Exec {
            args = List.copyOf(args);
        }
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Reads a manifest from its JSON text. */
    public static ToolManifest parse(String json) {
        return parse(json, false);
    }

    /**
     * Reads the manifest of a tool an embedding program offers (tool-manifest-v1.md §8): its {@code exec} is
     * {@code {"host": true}} or absent, never a command or {@code builtin}.
     */
    public static ToolManifest parseHost(String json) {
        ToolManifest m = parse(json, true);
        if (!m.exec().host()) {
            throw new ManifestException("manifest of `" + m.toolId() + "`: a tool the host offers runs as its "
                    + "function: its `exec` is {\"host\": true} or absent, not `" + (m.exec().builtin() ? "builtin"
                    : "command") + "`");
        }
        return m;
    }

    private static ToolManifest parse(String json, boolean hostOffered) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ManifestException("tool manifest is not valid JSON" + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + plain(e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestException("tool manifest must be a JSON object");
        }
        String id = text(root, "tool_id", "manifest");
        String where = "manifest of `" + id + "`";
        return new ToolManifest(
                id,
                text(root, "version", where),
                root.hasNonNull("description") ? text(root, "description", where) : "",
                schema(object(root, "input_schema", where), where + ", input_schema"),
                schema(object(root, "output_schema", where), where + ", output_schema"),
                capabilities(root.get("capabilities"), where),
                effect(root.get("effect"), where),
                hostOffered && !root.has("exec") ? new Exec(false, true, null, List.of())
                        : exec(object(root, "exec", where), where),
                CanonicalJson.sha256(CanonicalJson.write(root)));
    }

    /** Jackson's message without its note on where the input came from, which names nothing of the user's. */
    private static String plain(String message) {
        return message.replaceAll("\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)",
                "(opened at line $1, column $2)").replaceAll("\\s*at \\[Source: [^\\]]*\\]", "");
    }

    private static Schema schema(JsonNode node, String where) {
        String type = text(node, "type", where);
        Map<String, FieldSpec> fields = new LinkedHashMap<>();
        String positional = null;
        if (type.equals("record")) {
            JsonNode f = object(node, "fields", where);
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String fieldWhere = where + ", field `" + e.getKey() + "`";
                if (!e.getValue().isObject()) {
                    throw new ManifestException(fieldWhere + " must be an object");
                }
                JsonNode optional = e.getValue().get("optional");
                if (optional != null && !optional.isBoolean()) {
                    throw new ManifestException(fieldWhere + ": `optional` must be true or false");
                }
                fields.put(e.getKey(), new FieldSpec(e.getKey(), text(e.getValue(), "type", fieldWhere),
                        optional != null && optional.booleanValue(), constraints(e.getValue(), fieldWhere)));
            }
            if (node.hasNonNull("positional")) {
                positional = text(node, "positional", where);
                if (!fields.containsKey(positional)) {
                    throw new ManifestException(where + ": `positional` names `" + positional
                            + "`, which is not one of its fields");
                }
            }
        } else if (node.has("fields")) {
            throw new ManifestException(where + ": only a schema of type \"record\" has fields");
        }
        return new Schema(type, fields, positional);
    }

    private static List<Constraint> constraints(JsonNode field, String where) {
        JsonNode list = field.get("constraints");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ManifestException(where + ": `constraints` must be an array");
        }
        List<Constraint> out = new ArrayList<>();
        for (JsonNode c : list) {
            if (!c.isObject()) {
                throw new ManifestException(where + ": each constraint must be an object");
            }
            Map<String, String> args = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("kind")) {
                    args.put(e.getKey(), e.getValue().asText());
                }
            }
            out.add(new Constraint(text(c, "kind", where + ", constraint"), args));
        }
        return out;
    }

    private static Set<Capability> capabilities(JsonNode node, String where) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new ManifestException(where + ": `capabilities` must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Capability c = Capability.byManifestKey(e.getKey()).orElseThrow(() -> new ManifestException(
                    where + ": unknown capability `" + e.getKey() + "`"));
            if (!e.getValue().isBoolean()) {
                throw new ManifestException(where + ": capability `" + e.getKey() + "` must be true or false");
            }
            if (e.getValue().booleanValue()) {
                out.add(c);
            }
        }
        return out;
    }

    /** A manifest that declares no effect may change anything: it is taken as a write. */
    private static Effect effect(JsonNode node, String where) {
        if (node == null) {
            return Effect.WRITE;
        }
        String name = node.isTextual() ? node.textValue() : null;
        return Effect.byManifestName(name).orElseThrow(() -> new ManifestException(where + ": `effect` must be "
                + "\"pure\", \"read\" or \"write\", not " + node));
    }

    private static Exec exec(JsonNode node, String where) {
        boolean builtin = node.path("builtin").asBoolean(false);
        boolean host = node.path("host").asBoolean(false);
        String command = node.hasNonNull("command") ? text(node, "command", where + ", exec") : null;
        if ((builtin ? 1 : 0) + (host ? 1 : 0) + (command != null ? 1 : 0) != 1) {
            throw new ManifestException(where + ": `exec` needs exactly one of `builtin: true`, `host: true` or "
                    + "`command`");
        }
        List<String> args = new ArrayList<>();
        JsonNode a = node.get("args");
        if (a != null) {
            if (!a.isArray()) {
                throw new ManifestException(where + ": `exec.args` must be an array of strings");
            }
            a.forEach(v -> args.add(v.asText()));
        }
        return new Exec(builtin, host, command, args);
    }

    private static JsonNode object(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject()) {
            throw new ManifestException(where + ": `" + key + "` must be an object");
        }
        return v;
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new ManifestException(where + ": `" + key + "` must be a string");
        }
        return v.textValue();
    }
}
