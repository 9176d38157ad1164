package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.language.project.Project;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.ToolLocator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Completion candidates: the document with its cursor, the labels expected among the candidates and those that
 * must not be. Documents are often incomplete, as they are while being typed.
 */
class CompletionTest {

    private static List<String> labels(Marked m, Project project) {
        return m.analysis(project).completion(m.cursor()).items().stream().map(CompletionItem::label).toList();
    }

    private static List<String> labels(String code) {
        return labels(Marked.wrap(code), Project.none());
    }

    private static void offers(String code, List<String> expected, List<String> unexpected) {
        List<String> got = labels(code);
        assertTrue(got.containsAll(expected), () -> "missing " + expected + " in " + got);
        for (String u : unexpected) {
            assertFalse(got.contains(u), () -> "unexpected " + u + " in " + got);
        }
    }

    private static final String ITEM = """
            record Item
              name: String
              count: Int
            end

            enum Level
              Low
              High
            end

            """;

    @Test
    void aCellNamedLikeABuiltinFunctionIsOfferedOnceAsTheCell() {
        Marked m = Marked.wrap("""
                cell get(id: Int) -> String
                  return "item {id}"
                end

                cell run() -> String
                  return ge|
                end
                """);
        List<CompletionItem> items = m.analysis(Project.none()).completion(m.cursor()).items().stream()
                .filter(i -> i.label().equals("get")).toList();
        assertEquals(1, items.size(), () -> "items labelled get: " + items);
        assertEquals(CompletionItem.Kind.CELL, items.get(0).kind());
    }

    @Test
    void theLinesOfAParallelBlockAfterAnAtInACell() {
        assertEquals(List.of("parallel", "end"), labels("""
                cell run() -> Int
                  @|
                  return 1
                end
                """));
        assertEquals(List.of("parallel", "end"), labels("""
                cell run() -> Int
                  @par|
                  return 1
                end
                """));
    }

    @Test
    void fieldsAfterADotWhileTheLineDoesNotParse() {
        assertEquals(List.of("name", "count"), labels(ITEM + """
                cell run(item: Item) -> Int
                  let n = item.|
                  return 1
                end
                """));
    }

    @Test
    void fieldsAfterADotOnAPartName() {
        assertEquals(List.of("name", "count"), labels(ITEM + """
                cell run(item: Item) -> Int
                  return item.co|
                end
                """));
    }

    @Test
    void fieldsThroughAChainOfFieldsIndexesAndCalls() {
        String order = ITEM + """
                record Order
                  items: list[Item]
                  first: Item
                end

                cell make() -> Order
                  return Order { items: [], first: Item { name: "a", count: 1 } }
                end

                """;
        assertEquals(List.of("name", "count"), labels(order + """
                cell run(o: Order) -> Int
                  let x = o.first.|
                end
                """));
        assertEquals(List.of("name", "count"), labels(order + """
                cell run(o: Order) -> Int
                  let x = o.items[0].|
                end
                """));
        assertEquals(List.of("items", "first"), labels(order + """
                cell run() -> Int
                  let x = make().|
                end
                """));
    }

    @Test
    void builtinRecordFields() {
        assertEquals(List.of("message", "errors", "attempts"), labels("""
                cell run(r: result[Int, ValidationError]) -> String
                  match r
                    ok(v) -> return "fine"
                    err(e) -> return e.|
                  end
                end
                """));
    }

    @Test
    void variantsAfterAnEnumName() {
        assertEquals(List.of("Low", "High"), labels(ITEM + """
                cell run() -> Level
                  return Level.|
                end
                """));
    }

    @Test
    void recordLiteralFieldsNotYetGiven() {
        assertEquals(List.of("count"), labels(ITEM + """
                cell run() -> Item
                  return Item { name: "x", |
                end
                """));
        Marked m = Marked.wrap(ITEM + """
                cell run() -> Item
                  return Item { |
                end
                """);
        List<CompletionItem> items = m.analysis().completion(m.cursor()).items();
        assertEquals("name: ", items.getFirst().insertText());
        assertEquals(CompletionItem.Kind.FIELD, items.getFirst().kind());
    }

    @Test
    void visibleNamesCellsToolsAndBuiltins() {
        offers("""
                use tool json.parse as Parse
                grant Parse

                cell helper(x: Int) -> Int
                  return x
                end

                cell run(count: Int, flag: Bool) -> Int
                  let before = 1
                  if flag
                    let inner = 2
                  end
                  for item in [1, 2]
                    let inside = item
                  end
                  return |
                  let after = 3
                end
                """, List.of("count", "flag", "before", "helper", "run", "Parse", "length", "trim", "ok", "true"),
                List.of("inner", "inside", "item", "after", "x"));
    }

    @Test
    void bindingsOfTheArmTheCursorIsIn() {
        offers("""
                cell run(r: result[Int, String]) -> Int
                  match r
                    ok(value) -> return |
                    err(message) -> return 0
                  end
                end
                """, List.of("value", "r"), List.of("message"));
    }

    @Test
    void insideAWhereOnlyFieldsAndPureFunctions() {
        offers("""
                cell helper() -> Int
                  return 1
                end

                record Item
                  count: Int where |
                end
                """, List.of("count", "length"), List.of("helper", "trace_ref"));
    }

    @Test
    void argumentNamesOfCellsAndTools() {
        offers("""
                cell scale(factor: Int, by: Int) -> Int
                  return factor * by
                end

                cell run() -> Int
                  return scale(factor: 2, |
                end
                """, List.of("by"), List.of("factor"));
        assertEquals(List.of("url", "headers"), labels("""
                use tool http.get as Fetch
                grant Fetch domain "example.com"

                cell run() -> Int
                  let r = Fetch(|
                end
                """));
    }

    @Test
    void mcpToolsAndTheirArguments() throws Exception {
        McpServerManifest manifest = McpServerManifest.fromJson(new ObjectMapper().readTree("""
                {"name": "notes", "version": "1.2.0", "protocolVersion": "2025-11-25", "tools": [
                  {"name": "add_note", "title": "Add", "description": "Adds a note.",
                   "inputSchema": {"type": "object", "properties": {"text": {"type": "string"},
                                   "tag": {"type": "string"}}, "required": ["text"]}},
                  {"name": "list_notes", "title": "List", "description": "Lists notes.",
                   "inputSchema": {"type": "object"}}
                ]}"""));
        Project project = new Project(null, ToolLocator.bundled(), null, null, null,
                Map.of("stdio:notes", manifest), Map.of(), Map.of());
        String head = """
                use tool mcp "stdio:notes" as Notes
                grant Notes.add_note timeout_ms 1000

                """;
        assertEquals(List.of("add_note", "list_notes"), labels(Marked.wrap(head + """
                cell run() -> Null
                  Notes.|
                end
                """), project));
        assertEquals(List.of("tag"), labels(Marked.wrap(head + """
                cell run() -> Null
                  Notes.add_note(text: "x", |
                end
                """), project));
        assertTrue(labels(Marked.wrap("""
                use tool mcp "stdio:notes" as Notes
                grant Notes.add_note |
                """), project).containsAll(List.of("timeout_ms", "rate_limit", "cache", "text", "tag")));
    }

    @Test
    void grantClausesFromTheManifest() {
        List<String> got = labels("""
                use tool http.get as Fetch
                grant Fetch domain "example.com" |
                """);
        assertEquals(List.of("domain", "timeout_ms", "rate_limit", "max_response_bytes", "redact"), got);
        assertEquals(List.of("Fetch"), labels("""
                use tool http.get as Fetch
                grant |
                """));
    }

    @Test
    void typesWhereATypeIsWritten() {
        offers(ITEM + """
                cell run(x: |
                """, List.of("Item", "Level", "String", "ValidationError", "list"), List.of("length", "run"));
        offers(ITEM + """
                cell run(x: Int) -> |
                """, List.of("Item", "Int"), List.of("length"));
        offers(ITEM + """
                cell run(x: String) -> Int
                  let y: | = 1
                end
                """, List.of("Item", "Int"), List.of("x"));
        offers("""
                record Order
                  total: |
                end
                """, List.of("Order", "Float"), List.of("total"));
    }

    @Test
    void directivesOutsideTheFences() {
        Marked m = Marked.of("@lumen 1\n@ca|\n\n```lumen\ncell run() -> Int\n  return 1\nend\n```\n");
        Completion c = m.analysis().completion(m.cursor());
        assertTrue(c.items().stream().map(CompletionItem::label).toList().contains("@cache"));
        assertEquals(1, c.replace().column(), "what was typed, `@` included, as the candidates are");
    }

    @Test
    void insideAnInterpolation() {
        assertEquals(List.of("name", "count"), labels(ITEM + """
                cell run(item: Item) -> String
                  return "Item {item.| is here"
                end
                """));
        assertEquals(List.of("name", "count"), labels(ITEM + """
                use tool llm.chat as Chat
                grant Chat model "m"

                cell run(item: Item) -> String
                  return Chat(
                    role user:
                      Tell me about {item.|}
                    end
                  )
                end
                """));
        offers(ITEM + """
                cell run(item: Item, label: String) -> String
                  return "{lab|"
                end
                """, List.of("label", "item"), List.of());
    }

    @Test
    void nothingInCommentsStringsAndProse() {
        assertEquals(List.of(), labels("""
                cell run() -> String
                  return "abc|def"
                end
                """));
        assertEquals(List.of(), labels("""
                cell run() -> Int
                  # a comment |
                  return 1
                end
                """));
        Marked prose = Marked.of("Some pro|se\n");
        assertEquals(List.of(), prose.analysis().completion(prose.cursor()).items());
    }

    @Test
    void theWordBeingTypedIsReplaced() {
        Marked m = Marked.wrap("""
                cell run(count: Int) -> Int
                  return «cou|»
                end
                """);
        Completion c = m.analysis().completion(m.cursor());
        assertEquals(m.marks().getFirst(), c.replace());
        assertTrue(c.items().stream().anyMatch(i -> i.label().equals("count")));
    }
}
