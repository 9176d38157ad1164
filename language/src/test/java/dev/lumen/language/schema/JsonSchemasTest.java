package dev.lumen.language.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.CheckedDocument;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.Binding;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckedDocument check(String code) {
        CheckedDocument doc = FrontEnd.analyse(new SourceFile("t.lm.md", "```lumen\n" + code + "\n```\n"), Project.none());
        assertFalse(doc.result().hasErrors(), () -> doc.result().diagnostics().toString());
        return doc;
    }

    private static JsonSchemas schemas(CheckedDocument doc) {
        return new JsonSchemas(doc.program().symbols(), doc.result().file());
    }

    private static ObjectNode arguments(CheckedDocument doc, String cell) {
        CellInfo info = doc.program().cell(cell);
        Map<String, Type> params = new LinkedHashMap<>();
        for (Binding b : info.params()) {
            params.put(b.name(), b.type());
        }
        return schemas(doc).ofObject(params);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** Compares as JSON text is read (an Int 0 and a Long 0 are the same number). */
    private static void same(String expected, JsonNode actual) throws Exception {
        assertEquals(json(expected), json(actual.toString()));
    }

    @Test
    void parametersBecomeAnObjectWithRecordsAndEnumsInDefs() throws Exception {
        CheckedDocument doc = check("""
                enum Size
                  Small, Large
                end
                record Item
                  name: String
                  size: Size
                  note: String | Null
                end
                cell order(item: Item, count: Int, tags: list[String], extra: map[String, Float], raw: Json) -> Int
                  return count
                end""");
        same("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {
                   "item": {"$ref": "#/$defs/Item"},
                   "count": {"type": "integer"},
                   "tags": {"type": "array", "items": {"type": "string"}},
                   "extra": {"type": "object", "additionalProperties": {"type": "number"}},
                   "raw": {}},
                 "required": ["item", "count", "tags", "extra"],
                 "additionalProperties": false,
                 "$defs": {
                   "Item": {"type": "object",
                            "properties": {"name": {"type": "string"}, "size": {"$ref": "#/$defs/Size"},
                                           "note": {"type": ["string", "null"]}},
                            "required": ["name", "size"], "additionalProperties": false},
                   "Size": {"type": "string", "enum": ["Small", "Large"]}}}
                """, arguments(doc, "order"));
    }

    @Test
    void constraintsJsonSchemaCanExpressBecomeKeywords() throws Exception {
        CheckedDocument doc = check("""
                enum Kind
                  A, B, C
                end
                record Line
                  qty: Int where qty > 0 and qty <= 100
                  price: Float where price >= 0.5
                  code: String where matches(code, "^[A-Z]{3}[0-9]+$")
                  name: String where length(name) >= 1 and length(name) < 41
                  tags: list[String] where length(tags) <= 5
                  unit: String where unit in ["kg", "g"]
                  sku: String where starts_with(sku, "SKU-") and ends_with(sku, ".v1")
                  pack: Int where pack % 6 == 0
                  kind: Kind where kind != Kind.C
                  note: String | Null where note == null or note != ""
                  label: String where label != ""
                  low: Int where -5 <= low
                end
                cell f(line: Line) -> Int
                  return line.qty
                end""");
        JsonNode line = arguments(doc, "f").get("$defs").get("Line").get("properties");
        same("{\"type\":\"integer\",\"exclusiveMinimum\":0,\"maximum\":100}", line.get("qty"));
        same("{\"type\":\"number\",\"minimum\":0.5}", line.get("price"));
        same("{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}[0-9]+$\"}", line.get("code"));
        same("{\"type\":\"string\",\"minLength\":1,\"maxLength\":40}", line.get("name"));
        same("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":5}", line.get("tags"));
        same("{\"type\":\"string\",\"enum\":[\"kg\",\"g\"]}", line.get("unit"));
        same("{\"type\":\"string\",\"pattern\":\"^SKU-\",\"allOf\":[{\"pattern\":\"\\\\.v1$\"}]}",
                line.get("sku"));
        same("{\"type\":\"integer\",\"multipleOf\":6}", line.get("pack"));
        same("{\"$ref\":\"#/$defs/Kind\",\"not\":{\"const\":\"C\"}}", line.get("kind"));
        same("{\"type\":[\"string\",\"null\"],\"minLength\":1}", line.get("note"));
        same("{\"type\":\"string\",\"minLength\":1}", line.get("label"));
        same("{\"type\":\"integer\",\"minimum\":-5}", line.get("low"));
    }

    @Test
    void constraintsItCannotExpressAreDescribed() throws Exception {
        CheckedDocument doc = check("""
                record Range
                  start: Int where start >= 0
                  stop: Int where stop > start and stop < 1000
                  word: String where lower(word) == word
                  flags: String where matches(flags, "(?i)abc")
                  either: Int where either < 0 or either > 10
                end
                cell f(r: Range) -> Int
                  return r.start
                end""");
        JsonNode range = arguments(doc, "f").get("$defs").get("Range").get("properties");
        same("{\"type\":\"integer\",\"minimum\":0}", range.get("start"));
        same("{\"type\":\"integer\",\"exclusiveMaximum\":1000,"
                + "\"description\":\"where stop > start and stop < 1000 (checked by the server)\"}", range.get("stop"));
        assertEquals("where lower(word) == word (checked by the server)", range.get("word").get("description").asText());
        assertFalse(range.get("flags").has("pattern"), "(?i) has no ECMA-262 form");
        assertFalse(range.get("either").has("exclusiveMaximum"));
        assertTrue(range.get("either").has("description"));
    }

    @Test
    void resultsUnionsAndBytes() throws Exception {
        CheckedDocument doc = check("""
                cell f(a: result[Int, String], b: Int | Float, c: Bytes) -> Int
                  return 1
                end""");
        JsonNode p = arguments(doc, "f").get("properties");
        same("""
                {"oneOf": [
                  {"type": "object", "properties": {"ok": {"type": "integer"}}, "required": ["ok"], "additionalProperties": false},
                  {"type": "object", "properties": {"err": {"type": "string"}}, "required": ["err"], "additionalProperties": false}]}
                """, p.get("a"));
        same("{\"type\":[\"integer\",\"number\"]}", p.get("b"));
        same("{\"type\":\"string\",\"contentEncoding\":\"base64\"}", p.get("c"));
    }

    @Test
    void aRecursiveRecordRefersToItsOwnDefinition() throws Exception {
        CheckedDocument doc = check("""
                record Tree
                  label: String
                  children: list[Tree]
                end
                cell size(t: Tree) -> Int
                  return 1
                end""");
        RecordType tree = doc.program().symbols().record("Tree").type();
        ObjectNode root = schemas(doc).ofRecord(tree);
        assertEquals("object", root.get("type").asText());
        same("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Tree\"}}",
                root.get("properties").get("children"));
        assertEquals(root.get("properties"), root.get("$defs").get("Tree").get("properties"));
    }

    @Test
    void builtInRecordsAreDefinedByTheirFields() throws Exception {
        CheckedDocument doc = check("""
                cell f(e: ValidationError) -> Int
                  return 1
                end""");
        JsonNode defs = arguments(doc, "f").get("$defs");
        same("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/FieldError\"}}",
                defs.get("ValidationError").get("properties").get("errors"));
        assertEquals(5, defs.get("FieldError").get("required").size());
    }
}
