package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.language.project.Project;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.ToolLocator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hover: the document with its cursor, «…» around the range the hover covers, and the Markdown shown. */
class HoverTest {

    private static void hover(String code, String expected) {
        hover(Marked.wrap(code), Project.none(), expected);
    }

    private static void hover(Marked m, Project project, String expected) {
        Optional<Hover> h = m.analysis(project).hover(m.cursor());
        assertTrue(h.isPresent(), "no hover");
        assertEquals(expected, h.get().markdown());
        if (!m.marks().isEmpty()) {
            assertEquals(m.marks().getFirst(), h.get().range());
        }
    }

    @Test
    void cellSignature() {
        hover("""
                cell scale(factor: Int, by: Float) -> Float
                  return to_float(factor) * by
                end

                cell run() -> Float
                  return «sc|ale»(2, 1.5)
                end
                """, """
                ```lumen
                cell scale(factor: Int, by: Float) -> Float
                ```""");
    }

    @Test
    void recordShapeWithConstraintsAndEnumShape() {
        hover("""
                record «It|em»
                  name: String where length(name) > 0
                  count: Int
                end
                """, """
                ```lumen
                record Item
                  name: String where length(name) > 0
                  count: Int
                end
                ```""");
        hover("""
                enum «Le|vel»
                  Low
                  High
                end
                """, """
                ```lumen
                enum Level
                  Low
                  High
                end
                ```""");
    }

    @Test
    void fieldVariantAndBindings() {
        hover("""
                record Item
                  count: Int where count > 0
                end

                cell count_of(item: Item) -> Int
                  return item.«co|unt»
                end
                """, """
                ```lumen
                Item.count: Int where count > 0
                ```

                field of record `Item`""");
        hover("""
                enum Level
                  Low
                end

                cell pick() -> Level
                  return Level.«L|ow»
                end
                """, """
                ```lumen
                Level.Low
                ```

                variant of enum `Level`""");
        hover("""
                cell run(items: list[String]) -> Int
                  let mut «to|tal» = 0
                  for item in items
                    total = total + length(item)
                  end
                  return total
                end
                """, """
                ```lumen
                let mut total: Int
                ```

                variable in cell `run`""");
        hover("""
                cell run(items: list[String]) -> Int
                  let mut total = 0
                  for item in items
                    total = total + length(«it|em»)
                  end
                  return total
                end
                """, """
                ```lumen
                item: String
                ```

                loop variable in cell `run`""");
        hover("""
                cell run(r: result[Int, String]) -> Int
                  match r
                    ok(v) -> return v
                    err(«m|sg») -> return length(msg)
                  end
                end
                """, """
                ```lumen
                msg: String
                ```

                bound by a match pattern in cell `run`""");
        hover("""
                cell run(«cou|nt»: Int) -> Int
                  return count
                end
                """, """
                ```lumen
                count: Int
                ```

                parameter of cell `run`""");
    }

    @Test
    void theTypeOfAnExpression() {
        hover("""
                cell run(a: Int, b: Int) -> Bool
                  return «a * 2 >| b»
                end
                """, """
                ```lumen
                Bool
                ```""");
        hover("""
                cell run(words: list[String]) -> String
                  return join(words, «"|, "»)
                end
                """, """
                ```lumen
                String
                ```""");
    }

    @Test
    void aCellNamedLikeABuiltinFunctionIsWhatACallShows() {
        hover("""
                cell get(id: Int) -> String
                  return "item {id}"
                end

                cell run() -> String
                  return «g|et»(7)
                end
                """, """
                ```lumen
                cell get(id: Int) -> String
                ```""");
    }

    @Test
    void builtinFunctionAndType() {
        hover("""
                cell run(text: String) -> String
                  return «tr|im»(text)
                end
                """, """
                ```lumen
                trim(text: String) -> String
                ```

                without leading and trailing white space

                built-in function""");
        hover("""
                cell run(e: «Validation|Error») -> String
                  return e.message
                end
                """, """
                ```lumen
                record ValidationError
                  message: String
                  errors: list[FieldError]
                  attempts: list[list[FieldError]]
                end
                ```

                built-in record""");
    }

    @Test
    void nativeToolWithItsManifestAndGrant() {
        hover("""
                use tool http.get as «Fe|tch»
                grant Fetch domain "api.example.com" timeout_ms 5000

                cell run() -> Int
                  let r = Fetch(url: "https://api.example.com/x")
                  return r.status
                end
                """, """
                ```lumen
                use tool http.get as Fetch
                ```

                `http.get` 1.0.0 — Fetch a URL via HTTP GET

                Inputs: `url: String`, `headers: map[String, String] | Null` (optional)

                Output: `{status: Int, body: Bytes, headers: map[String, String]}`

                Effect: read

                Grant clauses: `domain`, `timeout_ms`, `rate_limit`, `max_response_bytes`, `redact`

                Granted: `domain "api.example.com"`, `timeout_ms 5000`""");
    }

    @Test
    void mcpToolWithItsManifestAndGrant() throws Exception {
        McpServerManifest manifest = McpServerManifest.fromJson(new ObjectMapper().readTree("""
                {"name": "notes", "version": "1.2.0", "protocolVersion": "2025-11-25", "tools": [
                  {"name": "add_note", "title": "Add", "description": "Adds a note.",
                   "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}
                ]}"""));
        Project project = new Project(null, ToolLocator.bundled(), null, null, null,
                Map.of("stdio:notes", manifest), Map.of(), Map.of());
        Marked m = Marked.wrap("""
                use tool mcp "stdio:notes" as Notes
                grant Notes.add_note timeout_ms 3000

                cell run() -> Null
                  Notes.«add_n|ote»(text: "hi")
                end
                """);
        hover(m, project, """
                ```lumen
                Notes.add_note
                ```

                Adds a note.

                Arguments: `text: String`

                Result: `McpContent`

                MCP tool of `Notes`

                Granted: `timeout_ms 3000`""");
        Marked alias = Marked.wrap("""
                use tool mcp "stdio:notes" as «No|tes»
                grant Notes.add_note timeout_ms 3000
                """);
        hover(alias, project, """
                ```lumen
                use tool mcp "stdio:notes" as Notes
                ```

                MCP server `stdio:notes`: notes 1.2.0

                Tools: `add_note`

                Granted `Notes.add_note`: `timeout_ms 3000`""");
    }

    @Test
    void nothingOnKeywordsOrProse() {
        Marked m = Marked.of("# Ti|tle\n");
        assertEquals(Optional.empty(), m.analysis().hover(m.cursor()));
        Marked k = Marked.wrap("""
                ce|ll run() -> Int
                  return 1
                end
                """);
        assertEquals(Optional.empty(), k.analysis().hover(k.cursor()));
    }
}
