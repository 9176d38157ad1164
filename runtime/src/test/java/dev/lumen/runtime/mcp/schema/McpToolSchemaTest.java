package dev.lumen.runtime.mcp.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.mcp.McpTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema mapping, on the schema shapes the reference servers advertise (server-memory, server-filesystem,
 * server-everything 2026.8.31, as observed over tools/list) and on the JSON Schema forms they do not use.
 */
class McpToolSchemaTest {
    private static final String DRAFT_07 = "\"$schema\": \"http://json-schema.org/draft-07/schema#\", ";

    private static McpToolSchema schema(String input, String output) {
        return McpToolSchema.of(new McpTool("t", "", "", CanonicalJson.parse(input),
                output == null ? null : CanonicalJson.parse(output)));
    }

    private static McpType type(String schema) {
        return McpToolSchema.type(CanonicalJson.parse(schema));
    }

    private static String signature(List<McpField> fields) {
        return String.join(", ", fields.stream().map(f -> f.name() + ": " + f.type().lumen()).toList());
    }

    @Test
    void memoryCreateEntitiesIsAListOfRecords() {
        McpToolSchema createEntities = schema("{" + DRAFT_07 + """
                "type": "object", "properties": {"entities": {"type": "array", "items": {"type": "object",
                  "properties": {
                    "name": {"type": "string", "description": "The name of the entity"},
                    "entityType": {"type": "string", "description": "The type of the entity"},
                    "observations": {"type": "array", "items": {"type": "string"},
                                     "description": "An array of observation contents associated with the entity"}},
                  "required": ["name", "entityType", "observations"]}}},
                "required": ["entities"]}""", null);
        McpField entities = createEntities.arguments().getFirst();
        assertEquals("entities", entities.name());
        assertTrue(entities.required());
        assertEquals("list[record]", entities.type().lumen());
        McpType entity = entities.type().element();
        assertEquals("name: String, entityType: String, observations: list[String]", signature(entity.fields()));
        assertEquals("The name of the entity", entity.fields().getFirst().description());
        assertEquals("String", entity.fields().get(2).type().element().lumen());
        assertNull(createEntities.output());
    }

    @Test
    void memoryReadGraphTakesNothingAndReturnsARecord() {
        McpToolSchema readGraph = schema("{" + DRAFT_07 + "\"type\": \"object\", \"properties\": {}}", "{" + DRAFT_07 + """
                "type": "object", "properties": {
                  "entities": {"type": "array", "items": {"type": "object", "properties": {
                    "name": {"type": "string"}, "entityType": {"type": "string"},
                    "observations": {"type": "array", "items": {"type": "string"}}},
                    "required": ["name", "entityType", "observations"], "additionalProperties": false}},
                  "relations": {"type": "array", "items": {"type": "object", "properties": {
                    "from": {"type": "string"}, "to": {"type": "string"}, "relationType": {"type": "string"}},
                    "required": ["from", "to", "relationType"], "additionalProperties": false}}},
                "required": ["entities", "relations"], "additionalProperties": false}""");
        assertEquals(List.of(), readGraph.arguments());
        assertEquals("record", readGraph.output().lumen());
        assertEquals("entities: list[record], relations: list[record]", signature(readGraph.output().fields()));
        assertEquals("from: String, to: String, relationType: String",
                signature(readGraph.output().fields().get(1).type().element().fields()));
        assertEquals("{entities: list[{name: String, entityType: String, observations: list[String]}], "
                + "relations: list[{from: String, to: String, relationType: String}]}", readGraph.output().text());
    }

    @Test
    void filesystemReadTextFileHasOptionalNumbers() {
        McpToolSchema read = schema("{" + DRAFT_07 + """
                "type": "object", "properties": {
                  "path": {"type": "string"},
                  "tail": {"description": "If provided, returns only the last N lines of the file", "type": "number"},
                  "head": {"description": "If provided, returns only the first N lines of the file", "type": "number"}},
                "required": ["path"]}""", "{" + DRAFT_07 + """
                "type": "object", "properties": {"content": {"type": "string"}}, "required": ["content"],
                "additionalProperties": false}""");
        assertEquals("path: String, tail: Float | Null, head: Float | Null", signature(read.arguments()));
        assertFalse(read.arguments().get(1).required());
        assertEquals("content: String", signature(read.output().fields()));
    }

    @Test
    void filesystemEditFileNestsRecordsAndAnOptionalBool() {
        McpToolSchema edit = schema("{" + DRAFT_07 + """
                "type": "object", "properties": {
                  "path": {"type": "string"},
                  "edits": {"type": "array", "items": {"type": "object", "properties": {
                    "oldText": {"type": "string"}, "newText": {"type": "string"}}, "required": ["oldText", "newText"]}},
                  "dryRun": {"default": false, "description": "Preview changes using git-style diff format", "type": "boolean"}},
                "required": ["path", "edits"]}""", null);
        assertEquals("path: String, edits: list[record], dryRun: Bool | Null", signature(edit.arguments()));
        assertEquals("oldText: String, newText: String", signature(edit.arguments().get(1).type().element().fields()));
    }

    @Test
    void enumsAreStringsWithTheirValues() {
        McpToolSchema annotated = schema("{" + DRAFT_07 + """
                "type": "object", "properties": {
                  "messageType": {"type": "string", "enum": ["error", "success", "debug"]},
                  "includeImage": {"default": false, "type": "boolean"}},
                "required": ["messageType"]}""", null);
        McpType messageType = annotated.arguments().getFirst().type();
        assertEquals("String", messageType.lumen());
        assertEquals(List.of("error", "success", "debug"), messageType.allowed());
        McpType optional = schema("""
                {"type": "object", "properties": {"sortBy": {"type": "string", "enum": ["name", "size"]}}}""", null)
                .arguments().getFirst().type();
        assertEquals("String | Null", optional.lumen());
        assertEquals(List.of("name", "size"), optional.allowed());
        assertEquals(List.of("only"), type("{\"const\": \"only\"}").allowed());
        assertEquals("Json", type("{\"enum\": [\"a\", 1]}").lumen());
    }

    @Test
    void everythingGetSumTakesTwoFloats() {
        McpToolSchema sum = schema("{" + DRAFT_07 + """
                "type": "object", "properties": {"a": {"type": "number", "description": "First number"},
                  "b": {"type": "number", "description": "Second number"}}, "required": ["a", "b"]}""", null);
        assertEquals("a: Float, b: Float", signature(sum.arguments()));
        assertEquals("First number", sum.arguments().getFirst().description());
    }

    @Test
    void scalarsListsAndMaps() {
        assertEquals("Int", type("{\"type\": \"integer\"}").lumen());
        assertEquals("Null", type("{\"type\": \"null\"}").lumen());
        assertEquals("list[Int]", type("{\"type\": \"array\", \"items\": {\"type\": \"integer\"}}").lumen());
        assertEquals("list[Json]", type("{\"type\": \"array\"}").lumen());
        assertEquals("list[Json]", type("{\"type\": \"array\", \"items\": [{\"type\": \"string\"}]}").lumen());
        assertEquals("map[String, Float]",
                type("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"number\"}}").lumen());
        assertEquals("map[String, Json]", type("{\"type\": \"object\"}").lumen());
        assertEquals("list[map[String, list[String]]]", type("""
                {"type": "array", "items": {"type": "object",
                  "additionalProperties": {"type": "array", "items": {"type": "string"}}}}""").lumen());
    }

    @Test
    void nullableFormsBecomeTOrNull() {
        assertEquals("String | Null", type("{\"type\": [\"string\", \"null\"]}").lumen());
        assertEquals("Int | Null", type("{\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"null\"}]}").lumen());
        assertEquals("list[String] | Null", type("""
                {"oneOf": [{"type": "null"}, {"type": "array", "items": {"type": "string"}}]}""").lumen());
        // Already nullable: optional does not add a second `| Null`.
        assertEquals("nick: String | Null", signature(schema("""
                {"type": "object", "properties": {"nick": {"type": ["string", "null"]}}}""", null).arguments()));
        // Required but nullable stays nullable.
        McpField required = schema("""
                {"type": "object", "properties": {"nick": {"type": ["string", "null"]}}, "required": ["nick"]}""",
                null).arguments().getFirst();
        assertTrue(required.required());
        assertEquals("String | Null", required.type().lumen());
    }

    @Test
    void whatLumenCannotTypeIsJson() {
        assertEquals("Json", type("{}").lumen());
        assertEquals("Json", type("true").lumen());
        assertEquals("Json", type("{\"$ref\": \"#/$defs/thing\"}").lumen());
        assertEquals("Json", type("{\"type\": [\"string\", \"integer\"]}").lumen());
        assertEquals("Json", type("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}").lumen());
        assertEquals("Json", type("{\"type\": \"date\"}").lumen());
        // Json already admits null: an optional Json argument stays Json.
        assertEquals("anything: Json", signature(schema("""
                {"type": "object", "properties": {"anything": {}}}""", null).arguments()));
    }

    @Test
    void projectionKeepsOnlyDeclaredMembersAtEveryDepth() {
        McpType graph = type("""
                {"type": "object", "properties": {
                  "entities": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
                  "byName": {"type": "object", "additionalProperties": {"type": "object",
                    "properties": {"kind": {"type": "string"}}}},
                  "note": {"type": "string"}}}""");
        assertEquals("{\"byName\":{\"x\":{\"kind\":\"k\"}},\"entities\":[{\"name\":\"a\"},{\"name\":\"b\"}]}",
                CanonicalJson.write(graph.project(CanonicalJson.parse("""
                        {"entities": [{"name": "a", "extra": 1}, {"name": "b"}],
                         "byName": {"x": {"kind": "k", "since": 2}}, "undeclared": true}"""))),
                "undeclared members are dropped; an absent optional member stays absent");
        // A value of another shape is left for the conversion to the Lumen type to report.
        assertEquals("[1]", CanonicalJson.write(graph.project(CanonicalJson.parse("[1]"))));
        assertEquals("{\"entities\":\"none\"}",
                CanonicalJson.write(graph.project(CanonicalJson.parse("{\"entities\": \"none\"}"))));
    }
}
