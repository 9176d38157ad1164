package dev.lumen.language.lower;

import static dev.lumen.language.lower.Lowered.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.format.TypeDef;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.ToolLocator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The module around the code: type and tool tables, cells, constraints, source map, determinism. */
class ModuleTest {

    private static List<String> typeNames(LirModule m) {
        return m.types().stream().map(TypeDef::name).toList();
    }

    @Test
    void typeTableHasDocumentTypesInOrderThenUsedBuiltInsThenAliases() {
        LirModule m = Lowered.module("""
                enum Level
                  Low, High
                end

                record Report
                  level: Level
                  notes: list[String]
                end

                cell check(text: String) -> result[Report, ValidationError]
                  return validate(schema Report, text)
                end

                cell many(text: String) -> list[Report]
                  return text expect schema list[Report]
                end

                cell stamp() -> TraceRef
                  return trace_ref()
                end
                """);
        assertEquals(List.of("Level", "Report", "ValidationError", "FieldError", "TraceRef", "list[Report]"),
                typeNames(m));
        assertEquals(new TypeDef.EnumDef("Level", List.of("Low", "High")), m.types().get(0));
        assertEquals(new TypeDef.AliasDef("list[Report]", new LirType.ListOf(new LirType.Named("Report"))),
                m.types().get(5));
        TypeDef.RecordDef report = (TypeDef.RecordDef) m.types().get(1);
        assertEquals(List.of(new TypeDef.FieldDef("level", new LirType.Named("Level"), -1, null),
                new TypeDef.FieldDef("notes", new LirType.ListOf(LirType.Primitive.STRING), -1, null)),
                report.fields());
    }

    @Test
    void cellsComeInDocumentOrderThenOneConstraintCellPerWhereClause() {
        LirModule m = Lowered.module("""
                record Order
                  id: String  where length(id) >= 3
                  total: Float  where total >= 0.0 and total < 1000000.0
                  note: String | Null
                end

                cell b() -> Int
                  return 1
                end

                cell a() -> Int
                  return b()
                end
                """);
        assertEquals(List.of("b", "a", "Order$id", "Order$total"), m.cells().stream().map(CellDef::name).toList());
        TypeDef.RecordDef order = (TypeDef.RecordDef) m.types().get(0);
        assertEquals(new TypeDef.FieldDef("id", LirType.Primitive.STRING, 2, "length(id) >= 3"), order.fields().get(0));
        assertEquals(new TypeDef.FieldDef("total", LirType.Primitive.FLOAT, 3, "total >= 0.0 and total < 1000000.0"),
                order.fields().get(1));
        assertEquals(-1, order.fields().get(2).constraintCell());

        CellDef total = Lowered.cell(m, "Order$total");
        assertEquals(List.of("id", "total", "note"), total.params().stream().map(CellDef.ParamDef::name).toList());
        assertEquals(LirType.Primitive.BOOL, total.returns());
        assertCode(m, "Order$total",
                "LOADK 4 0 ; 0.0",
                "LE 3 4 1",
                "JMPIFNOT 3 2 ; to 5",
                "LOADK 4 1 ; 1000000.0",
                "LT 3 1 4",
                "RETURN 3");
        assertCode(m, "a",
                "CALL 0 0 ; b",
                "RETURN 0");
    }

    /** The arguments reach the tool as a map from input name to the argument's Json. */
    @Test
    void nativeToolCallsPassANamedArgumentsMap() {
        LirModule m = Lowered.module("""
                use tool http.get as Fetch
                grant Fetch domain "api.example.com" domain "cdn.example.com" timeout_ms 5000
                grant Fetch rate_limit 10 per_minute

                cell status(url: String) -> Int
                  let response = Fetch(url: url)
                  return response.status
                end
                """);
        assertEquals(List.of(new ToolDef("Fetch", "http.get", "1.0.0", null, null, Map.of(
                "domain", List.of("api.example.com", "cdn.example.com"),
                "timeout_ms", List.of(5000L),
                "rate_limit", List.of(10L, "per_minute")))), m.tools());
        assertEquals(List.of("Fetch$output"), typeNames(m));
        assertEquals(new TypeDef.RecordDef("Fetch$output", List.of(
                new TypeDef.FieldDef("status", LirType.Primitive.INT, -1, null),
                new TypeDef.FieldDef("body", LirType.Primitive.BYTES, -1, null),
                new TypeDef.FieldDef("headers", new LirType.MapOf(LirType.Primitive.STRING), -1, null))),
                m.types().get(0));
        assertCode(m, "status",
                "LOADK 3 0 ; \"url\"",
                "INTRINSIC 4 6 0 ; to_json",
                "NEWMAP 2 1",
                "TOOLCALL 1 0 2 ; Fetch",
                "GETFIELD 5 1 0 ; .status",
                "RETURN 5");
        assertEquals(new LirType.MapOf(LirType.Primitive.JSON), Lowered.cell(m, "status").registers().get(2));
        assertEquals(LirType.Primitive.JSON, Lowered.cell(m, "status").registers().get(4));
    }

    @Test
    void aJsonArgumentIsPassedAsIs() {
        assertCode("""
                use tool json.emit as Emit
                grant Emit

                cell show(j: Json) -> String
                  return Emit(value: j)
                end
                """, "show",
                "LOADK 3 0 ; \"value\"",
                "MOVE 4 0",
                "NEWMAP 2 1",
                "TOOLCALL 1 0 2 ; Emit",
                "RETURN 1");
    }

    @Test
    void chatMessagesGoInAListUnderMessages() {
        LirModule m = Lowered.module("""
                use tool llm.chat as Chat
                grant Chat model "small" max_tokens 100

                cell ask(q: String) -> String
                  return Chat(role user: q)
                end
                """);
        assertCode(m, "ask",
                "LOADK 3 0 ; \"messages\"",
                "LOADK 7 1 ; \"user\"",
                "MOVE 8 0",
                "NEWRECORD 6 0 ; RoleText",
                "NEWLIST 5 1",
                "INTRINSIC 4 6 5 ; to_json",
                "NEWMAP 2 1",
                "TOOLCALL 1 0 2 ; Chat",
                "RETURN 1");
    }

    @Test
    void eachGrantedMcpToolIsItsOwnEntry() {
        LirModule m = Lowered.module("""
                use tool mcp "npx @modelcontextprotocol/server-memory" as Memory
                grant Memory.create_entities timeout_ms 2000
                grant Memory.read_graph timeout_ms 1000

                cell save(name: String) -> Json
                  return Memory.create_entities(name: name, kind: "person")
                end
                """);
        assertEquals(List.of(
                new ToolDef("Memory.create_entities", null, null, "npx @modelcontextprotocol/server-memory",
                        "create_entities", Map.of("timeout_ms", List.of(2000L))),
                new ToolDef("Memory.read_graph", null, null, "npx @modelcontextprotocol/server-memory",
                        "read_graph", Map.of("timeout_ms", List.of(1000L)))), m.tools());
        assertCode(m, "save",
                "LOADK 3 0 ; \"name\"",
                "INTRINSIC 4 6 0 ; to_json",
                "LOADK 5 1 ; \"kind\"",
                "LOADK 7 2 ; \"person\"",
                "INTRINSIC 6 6 7 ; to_json",
                "NEWMAP 2 2",
                "TOOLCALL 1 0 2 ; Memory.create_entities",
                "RETURN 1");
    }

    @Test
    void aServerGrantIsAnEntryForTheServerThatNoCallNames() throws Exception {
        LirModule m = Lowered.module("""
                use tool mcp "https://docs.example.com/mcp" as Docs
                grant Docs bearer_env "DOCS_TOKEN" roots "./data"
                grant Docs roots "./out"
                grant Docs.search timeout_ms 1000

                cell find(q: String) -> Json
                  return Docs.search(query: q)
                end
                """);
        assertEquals(List.of(
                new ToolDef("Docs", null, null, "https://docs.example.com/mcp", null,
                        Map.of("bearer_env", List.of("DOCS_TOKEN"), "roots", List.of("./data", "./out"))),
                new ToolDef("Docs.search", null, null, "https://docs.example.com/mcp", "search",
                        Map.of("timeout_ms", List.of(1000L)))), m.tools());
        assertEquals(true, m.tools().get(0).isServerGrant());
        assertCode(m, "find",
                "LOADK 3 0 ; \"query\"",
                "INTRINSIC 4 6 0 ; to_json",
                "NEWMAP 2 1",
                "TOOLCALL 1 1 2 ; Docs.search",
                "RETURN 1");
        LirModule read = LirJson.read(LirJson.write(m));
        assertEquals(m.tools(), read.tools(), "a server grant survives the LIR's JSON form");
    }

    @Test
    void anMcpToolCarriesWhatItsLockedManifestSaysOfIt() {
        McpServerManifest manifest = McpServerManifest.fromJson(CanonicalJson.parse("""
                {"name": "notes", "version": "1.2.0", "protocolVersion": "2025-11-25", "tools": [
                  {"name": "list", "title": "", "description": "", "inputSchema": {"type": "object"},
                   "annotations": {"readOnlyHint": true, "openWorldHint": false}},
                  {"name": "add", "title": "", "description": "", "inputSchema": {"type": "object"}}]}"""));
        Project project = new Project(null, ToolLocator.bundled(), null, null, null,
                Map.of("stdio:notes", manifest), Map.of(), Map.of());
        LirModule m = FrontEnd.compile(new SourceFile("t.lm.md", Lowered.document("""
                use tool mcp "stdio:notes" as Notes
                grant Notes.list timeout_ms 1000
                grant Notes.add cache true
                """)), project).module();
        assertEquals(List.of(
                new ToolDef("Notes.list", null, null, "stdio:notes", "list", Map.of("timeout_ms", List.of(1000L)),
                        manifest.hash(), Map.of("readOnlyHint", true, "openWorldHint", false)),
                new ToolDef("Notes.add", null, null, "stdio:notes", "add", Map.of("cache", List.of(true)),
                        manifest.hash(), null)), m.tools());
    }

    @Test
    void everyInstructionMapsToItsLineAndColumnInTheMarkdown() {
        String doc = """
                # Title

                Prose.

                ```lumen
                cell f(a: Int) -> Int
                  let b = a * 2
                  if b > 10
                    return b
                  end
                  return 0
                end
                ```
                """;
        LirModule m = FrontEnd.compile(new SourceFile("doc.lm.md", doc)).module();
        CellDef f = m.cells().get(0);
        assertCode(m, "f",
                "LOADINT 2 2",
                "MUL 1 0 2",
                "LOADINT 2 10",
                "LT 3 2 1",
                "JMPIFNOT 3 1 ; to 6",
                "RETURN 1",
                "LOADINT 2 0",
                "RETURN 2");
        assertArrayEquals(new int[] {7, 7, 8, 8, 8, 9, 11, 11}, f.lines());
        // Each instruction points at the node it came from: `2`, `a * 2`, `10`, `b > 10` (its condition
        // jump too), `return b`, `0`, `return 0`.
        assertArrayEquals(new int[] {15, 11, 10, 6, 6, 5, 10, 3}, f.columns());
    }

    @Test
    void sameDocumentSameModuleSameBytes() {
        String doc = Lowered.document("""
                enum Kind
                  A, B
                end

                record Item
                  name: String where length(name) > 0
                  kind: Kind
                end

                use tool json.parse as Parse
                grant Parse

                cell run(text: String) -> list[Item]
                  let items = Parse(text: text) expect schema list[Item]
                  let mut out: list[Item] = []
                  for item in items
                    match item.kind
                      Kind.A -> out = append(out, item)
                      Kind.B -> out = out + [item]
                    end
                  end
                  return out
                end
                """);
        LirModule first = FrontEnd.compile(new SourceFile("doc.lm.md", doc)).module();
        LirModule second = FrontEnd.compile(new SourceFile("doc.lm.md", doc)).module();
        assertEquals(LirJson.write(first), LirJson.write(second));
        assertEquals(first.types(), second.types());
        assertEquals(first.tools(), second.tools());
        for (int i = 0; i < first.cells().size(); i++) {
            CellDef a = first.cells().get(i);
            CellDef b = second.cells().get(i);
            assertArrayEquals(a.code(), b.code());
            assertArrayEquals(a.lines(), b.lines());
            assertArrayEquals(a.columns(), b.columns());
            assertEquals(a.registers(), b.registers());
            assertEquals(a.constants(), b.constants());
        }
        // Another name is another module: the source is part of it.
        assertNotEquals(LirJson.write(first), LirJson.write(FrontEnd.compile(new SourceFile("other.lm.md", doc)).module()));
    }

    @Test
    void theDocumentHashIsTheSha256OfItsBytes() throws Exception {
        String doc = Lowered.document("cell f()\nend\n");
        LirModule m = FrontEnd.compile(new SourceFile("doc.lm.md", doc)).module();
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(doc.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, m.docHash());
        assertEquals("doc.lm.md", m.source());
        assertEquals(LirModule.VERSION, m.version());
    }

    @Test
    void unionMembersAreInCanonicalOrderWhateverTheSpelling() {
        LirModule m = Lowered.module("""
                cell f(a: String | Int | Null, b: Null | Int | String) -> Bool
                  return a == b
                end
                """);
        CellDef f = Lowered.cell(m, "f");
        assertEquals(f.params().get(0).type(), f.params().get(1).type());
        assertEquals("Int | String | Null", f.params().get(0).type().toString());
    }

    @Test
    void constantsAreDeduplicatedInFirstUseOrder() {
        LirModule m = Lowered.module("""
                cell f() -> list[String]
                  return ["b", "a", "b", "c", "a"]
                end
                """);
        assertEquals(List.of(new Constant.StringConst("b"), new Constant.StringConst("a"), new Constant.StringConst("c")),
                Lowered.cell(m, "f").constants());
    }
}
