package dev.lumen.lir.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LirJsonTest {

    @Test
    void sampleModuleUsesEveryOpcodeAndConstantKind() {
        LirModule m = Samples.everything();
        Set<Opcode> used = EnumSet.noneOf(Opcode.class);
        for (CellDef c : m.cells()) {
            for (int w : c.code()) {
                used.add(Opcode.of(Instruction.opcode(w)));
            }
        }
        assertEquals(EnumSet.allOf(Opcode.class), used);
        Set<Class<?>> kinds = new java.util.HashSet<>();
        m.cells().forEach(c -> c.constants().forEach(k -> kinds.add(k.getClass())));
        assertEquals(Set.of(Constant.IntConst.class, Constant.FloatConst.class, Constant.StringConst.class,
                Constant.EnumConst.class), kinds);
        assertEquals(List.of(), Verifier.verify(m));
    }

    @Test
    void roundTripIsByteIdentical() throws LirFormatException {
        LirModule m = Samples.everything();
        String first = LirJson.write(m);
        LirModule back = LirJson.read(first);
        String second = LirJson.write(back);
        assertEquals(first, second);
        assertSameModule(m, back);
        // Reading is independent of formatting: a pretty-printed copy reads to the same module.
        String pretty = CanonicalJson.parse(first).toPrettyString();
        assertEquals(first, LirJson.write(LirJson.read(pretty)));
    }

    @Test
    void fileIsCanonicalJsonAndANewline() {
        String text = LirJson.write(Samples.everything());
        assertTrue(text.endsWith("}\n"));
        assertEquals(1, text.chars().filter(ch -> ch == '\n').count());
        assertEquals(CanonicalJson.canonicalize(text) + "\n", text);
        assertEquals(CanonicalJson.sha256(text), LirJson.hash(Samples.everything()));
        // The same module built twice gives the same bytes; a different one does not.
        assertEquals(text, LirJson.write(Samples.everything()));
        assertNotEquals(LirJson.hash(Samples.everything()), LirJson.hash(Samples.withCell(Samples.constraintCell())));
    }

    @Test
    void layout() {
        String text = LirJson.write(Samples.everything());
        assertTrue(text.startsWith("{\"cells\":[{\"code\":[{\"a\":2,\"at\":[3,5],\"b\":0,\"c\":0,\"op\":\"LEN\"},"), text);
        assertTrue(text.contains("{\"a\":9,\"at\":[10,5],\"bx\":0,\"op\":\"LOADK\"},{\"at\":[10,5],\"ax\":0,\"op\":\"EXTRAARG\"}"), text);
        assertTrue(text.contains("{\"a\":6,\"at\":[10,5],\"op\":\"LOADINT\",\"sbx\":-7}"), text);
        assertTrue(text.contains("\"constants\":[{\"string\":\"INV-001\"},{\"float\":1.5},{\"int\":5000000000},{\"enum\":[1,1]},"
                + "{\"float\":\"-0.0\"},{\"float\":\"Infinity\"},{\"string\":\"tab\\t\\\"quoted\\\" caf\u00e9 \ud83d\ude00 {x}\"},"
                + "{\"int\":-9223372036854775808},{\"float\":3},{\"float\":\"NaN\"},{\"float\":1e-7}]"), text);
        assertTrue(text.contains("\"name\":\"run\",\"params\":[{\"name\":\"text\",\"type\":\"String\"}],\"registers\":[\"String\",\"Int\""), text);
        assertTrue(text.contains("\"types\":[{\"fields\":[{\"constraint\":{\"cell\":0,\"source\":\"length(id) >= 6\"},\"name\":\"id\","
                + "\"type\":\"String\"},{\"name\":\"total\",\"type\":\"Float\"}],\"kind\":\"record\",\"name\":\"Invoice\"},"
                + "{\"kind\":\"enum\",\"name\":\"Status\",\"variants\":[\"Paid\",\"Open\"]},"
                + "{\"kind\":\"alias\",\"name\":\"list[Invoice]\",\"type\":\"list[Invoice]\"},"
                + "{\"kind\":\"alias\",\"name\":\"Int | String | Null\",\"type\":\"Int | String | Null\"}],\"version\":\"1.2.0\"}"), text);
        assertTrue(text.contains("\"debug\":{\"locals\":[{\"from\":14,\"name\":\"items\",\"register\":5,\"to\":60}],\"span\":[1,1,17,4],"
                + "\"statements\":[{\"pc\":0,\"span\":[10,5,10,30]},{\"pc\":13,\"span\":[11,5,11,22]}]},\"name\":\"run\""), text);
        assertTrue(text.contains("\"debug\":{\"locals\":[],\"span\":null,\"statements\":[]},\"name\":\"$Invoice.id\""), text);
        assertTrue(text.contains("\"tools\":[{\"alias\":\"Chat\",\"grants\":{\"max_tokens\":[2000],\"model\":[\"claude-sonnet\",\"gpt-5\"],"
                + "\"temperature\":[0.25]},\"mcp_server\":null,\"mcp_tool\":null,\"tool_id\":\"llm.chat\",\"version\":\"1.0.0\"},"
                + "{\"alias\":\"Files\",\"grants\":{\"path\":[\"/tmp/in\"],\"recursive\":[true],\"timeout_ms\":[5000]},"
                + "\"mcp_server\":\"filesystem\",\"mcp_tool\":\"read_file\",\"tool_id\":null,\"version\":null}]"), text);
        assertTrue(text.contains("\"doc_hash\":\"" + Samples.DOC_HASH + "\",\"settings\":{\"cache\":\"on\",\"lock\":\"off\","
                + "\"profile\":\"dev\",\"trace\":\"sha256\"},\"source\":\"invoice.lm.md\""), text);
    }

    @Test
    void specialFloatsAndGrantNumbersReadBack() throws LirFormatException {
        LirModule back = LirJson.read(LirJson.write(Samples.everything()));
        List<Constant> ks = back.cells().get(1).constants();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(((Constant.FloatConst) ks.get(4)).value()));
        assertEquals(Double.POSITIVE_INFINITY, ((Constant.FloatConst) ks.get(5)).value());
        assertEquals(3.0, ((Constant.FloatConst) ks.get(8)).value());
        assertTrue(Double.isNaN(((Constant.FloatConst) ks.get(9)).value()));
        Map<String, List<Object>> grants = back.tools().get(0).grants();
        assertEquals(List.of(2000L), grants.get("max_tokens"));
        assertEquals(List.of(0.25), grants.get("temperature"));
        assertEquals(List.of(true), back.tools().get(1).grants().get("recursive"));
        // An integral Double grant reads back as a Long (JSON has one number type).
        LirModule integral = new LirModule("1.0.0", "h", "s", List.of(), List.of(),
                List.of(new ToolDef("Chat", "llm.chat", "1.0.0", null, null, Map.of("temperature", List.of(0.0)))));
        assertEquals(List.of(0L), LirJson.read(LirJson.write(integral)).tools().get(0).grants().get("temperature"));
    }

    @Test
    void writerRejectsModelsItCannotEncode() {
        CellDef bad = new CellDef("c", List.of(), LirType.Primitive.NULL, List.of(LirType.Primitive.NULL), List.of(),
                new int[] {200}, new int[] {1}, new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LirJson.write(Samples.withCell(bad)));
        assertEquals("cells[1].code[0]: unknown opcode 200", e.getMessage());
        CellDef shortMap = new CellDef("c", List.of(), LirType.Primitive.NULL, List.of(LirType.Primitive.NULL), List.of(),
                new int[] {Instruction.abc(Opcode.RETURN, 0, 0, 0)}, new int[0], new int[0]);
        e = assertThrows(IllegalArgumentException.class, () -> LirJson.write(Samples.withCell(shortMap)));
        assertEquals("cells[1]: source map has 0 lines and 0 columns for 1 instructions", e.getMessage());
    }

    // ------------------------------------------------------------------------------------------ reader errors

    private static final String CELL_PREFIX = "{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"tools\":[],"
            + "\"cells\":[{\"name\":\"c\",\"params\":[],\"returns\":\"Null\",\"registers\":[\"Null\"],\"constants\":[],\"code\":[";

    private static String withCode(String code) {
        return CELL_PREFIX + code + "]}]}";
    }

    private static String readError(String json) {
        LirFormatException e = assertThrows(LirFormatException.class, () -> LirJson.read(json));
        assertEquals(List.of(e.getMessage()), e.problems());
        return e.getMessage();
    }

    @Test
    void minimalModuleReads() throws LirFormatException {
        LirModule m = LirJson.read(withCode("{\"op\":\"LOADNULL\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1,1]},"
                + "{\"op\":\"RETURN\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1,1]}"));
        assertEquals(2, m.cells().get(0).code().length);
        assertEquals(List.of(), Verifier.verify(m));
    }

    @Test
    void settingsTravelWithTheModule() throws LirFormatException {
        LirModule m = Samples.everything();
        RunSettings prod = new RunSettings(RunSettings.Trace.OFF, RunSettings.Cache.OFF, RunSettings.Profile.PROD,
                RunSettings.Lock.STRICT);
        LirModule withSettings = new LirModule(m.version(), m.docHash(), m.source(), m.types(), m.cells(), m.tools(), prod);
        String text = LirJson.write(withSettings);
        assertTrue(text.contains("\"settings\":{\"cache\":\"off\",\"lock\":\"strict\",\"profile\":\"prod\",\"trace\":\"off\"}"), text);
        assertEquals(prod, LirJson.read(text).settings());
        assertTrue(LirJson.write(m).contains("\"settings\":{\"cache\":\"on\",\"lock\":\"off\",\"profile\":\"dev\",\"trace\":\"sha256\"}"));
    }

    @Test
    void settingsAreOptionalButChecked() throws LirFormatException {
        String module = "{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"cells\":[],\"tools\":[]";
        assertEquals(RunSettings.DEFAULTS, LirJson.read(module + "}").settings());
        assertEquals("settings.profile: \"production\" is not one of \"dev\", \"test\", \"prod\"",
                readError(module + ",\"settings\":{\"trace\":\"off\",\"cache\":\"on\",\"profile\":\"production\",\"lock\":\"off\"}}"));
        assertEquals("settings: missing key \"lock\"",
                readError(module + ",\"settings\":{\"trace\":\"off\",\"cache\":\"on\",\"profile\":\"dev\"}}"));
    }

    @Test
    void debugInformationIsOptionalButChecked() throws LirFormatException {
        String returnNull = "{\"op\":\"LOADNULL\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1,1]},"
                + "{\"op\":\"RETURN\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1,1]}";
        // A module written before debug information existed reads without any.
        assertEquals(DebugInfo.NONE, LirJson.read(withCode(returnNull)).cells().get(0).debug());
        String cell = CELL_PREFIX + returnNull + "],\"debug\":";
        DebugInfo read = LirJson.read(cell + "{\"span\":[1,1,3,4],\"statements\":[{\"pc\":1,\"span\":[2,3,2,9]}],"
                + "\"locals\":[{\"name\":\"x\",\"register\":0,\"from\":1,\"to\":2}]}}]}").cells().get(0).debug();
        assertEquals(new DebugInfo(new DebugInfo.Span(1, 1, 3, 4), List.of(new DebugInfo.Statement(1, new DebugInfo.Span(2, 3, 2, 9))),
                List.of(new DebugInfo.Local("x", 0, 1, 2))), read);
        assertEquals("cells[0].debug.statements[0].span: expected [line, column, end line, end column], got [2,3]",
                readError(cell + "{\"span\":null,\"statements\":[{\"pc\":1,\"span\":[2,3]}],\"locals\":[]}}]}"));
        assertEquals("cells[0].debug: missing key \"locals\"", readError(cell + "{\"span\":null,\"statements\":[]}}]}"));
        assertEquals("cells[0].debug.locals[0]: missing key \"to\"", readError(cell
                + "{\"span\":null,\"statements\":[],\"locals\":[{\"name\":\"x\",\"register\":0,\"from\":1}]}}]}"));
    }

    @Test
    void whatALockedMcpManifestSaysTravelsWithTheTool() throws LirFormatException {
        String hash = "sha256:" + "ab".repeat(32);
        ToolDef read = new ToolDef("Memory.read_graph", null, null, "stdio:memory", "read_graph",
                Map.of("cache", List.of(true)), hash, Map.of("readOnlyHint", true, "openWorldHint", false));
        LirModule m = Samples.everything();
        LirModule withTool = new LirModule(m.version(), m.docHash(), m.source(), m.types(), m.cells(), List.of(read),
                m.settings());
        String text = LirJson.write(withTool);
        assertTrue(text.contains("\"grants\":{\"cache\":[true]},\"mcp_annotations\":{\"openWorldHint\":false,"
                + "\"readOnlyHint\":true},\"mcp_manifest\":\"" + hash + "\",\"mcp_server\""), text);
        assertEquals(read, LirJson.read(text).tools().getFirst());
        // A module written before 1.2 has neither: its MCP tools are known by their grants alone.
        ToolDef plain = LirJson.read(LirJson.write(Samples.everything())).tools().get(1);
        assertEquals(null, plain.mcpManifest());
        assertEquals(null, plain.mcpAnnotations());
        assertEquals("tools[0].mcp_annotations.readOnlyHint: expected a boolean, got \"yes\"",
                readError(text.replace("\"readOnlyHint\":true", "\"readOnlyHint\":\"yes\"")));
    }

    @Test
    void unknownOpcode() {
        assertEquals("cells[0].code[1].op: unknown opcode \"LODK\"",
                readError(withCode("{\"op\":\"RETURN\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1,1]},{\"op\":\"LODK\",\"a\":0,\"bx\":0,\"at\":[1,1]}")));
    }

    @Test
    void wrongOperandKeyForTheFormat() {
        assertEquals("cells[0].code[0]: unexpected key \"bx\" for ADD (format ABC takes a, b, c)",
                readError(withCode("{\"op\":\"ADD\",\"a\":0,\"bx\":0,\"c\":0,\"at\":[1,1]}")));
        assertEquals("cells[0].code[0]: missing key \"bx\" for LOADK (format ABX takes a, bx)",
                readError(withCode("{\"op\":\"LOADK\",\"a\":0,\"at\":[1,1]}")));
        assertEquals("cells[0].code[0]: unexpected key \"a\" for EXTRAARG (format AX takes ax)",
                readError(withCode("{\"op\":\"EXTRAARG\",\"a\":0,\"at\":[1,1]}")));
        assertEquals("cells[0].code[0]: unexpected key \"bx\" for JMP (format ASBX takes a, sbx)",
                readError(withCode("{\"op\":\"JMP\",\"a\":0,\"bx\":0,\"at\":[1,1]}")));
    }

    @Test
    void operandOutOfItsField() {
        assertEquals("cells[0].code[0].a: expected an integer from 0 to 255, got 256",
                readError(withCode("{\"op\":\"MOVE\",\"a\":256,\"b\":0,\"c\":0,\"at\":[1,1]}")));
        assertEquals("cells[0].code[0].sbx: expected an integer from -32768 to 32767, got 40000",
                readError(withCode("{\"op\":\"JMP\",\"a\":0,\"sbx\":40000,\"at\":[1,1]}")));
        assertEquals("cells[0].code[0].bx: expected an integer from 0 to 65535, got -1",
                readError(withCode("{\"op\":\"LOADK\",\"a\":0,\"bx\":-1,\"at\":[1,1]}")));
        assertEquals("cells[0].code[0].c: expected an integer from 0 to 255, got \"1\"",
                readError(withCode("{\"op\":\"ADD\",\"a\":0,\"b\":0,\"c\":\"1\",\"at\":[1,1]}")));
        assertEquals("cells[0].code[0].a: expected an integer from 0 to 255, got 1.5",
                readError(withCode("{\"op\":\"ADD\",\"a\":1.5,\"b\":0,\"c\":0,\"at\":[1,1]}")));
    }

    @Test
    void sourcePositions() {
        assertEquals("cells[0].code[0]: missing key \"at\"",
                readError(withCode("{\"op\":\"RETURN\",\"a\":0,\"b\":0,\"c\":0}")));
        assertEquals("cells[0].code[0].at: expected [line, column], got [1]",
                readError(withCode("{\"op\":\"RETURN\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1]}")));
        assertEquals("cells[0].code[0].at[1]: expected an integer from 0 to 2147483647, got -3",
                readError(withCode("{\"op\":\"RETURN\",\"a\":0,\"b\":0,\"c\":0,\"at\":[1,-3]}")));
    }

    @Test
    void badTypeStrings() {
        String base = "{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"tools\":[],"
                + "\"cells\":[{\"name\":\"c\",\"params\":[],\"returns\":\"Null\",\"constants\":[],\"code\":[],\"registers\":[\"Int\",";
        assertEquals("cells[0].registers[1]: bad type \"list[Int\": expected \"]\" at end",
                readError(base + "\"list[Int\"]}]}"));
        assertEquals("cells[0].registers[1]: bad type \"map[Int, String]\": map keys must be String, not Int at offset 4",
                readError(base + "\"map[Int, String]\"]}]}"));
        assertEquals("cells[0].registers[1]: bad type \"Int |\": expected a type at end",
                readError(base + "\"Int |\"]}]}"));
        assertEquals("cells[0].registers[1]: expected a string, got 3",
                readError(base + "3]}]}"));
        assertEquals("types[0].fields[0].type: bad type \"Invoice[Int]\": `Invoice` takes no type arguments at offset 0",
                readError("{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"cells\":[],\"tools\":[],\"types\":["
                        + "{\"kind\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"f\",\"type\":\"Invoice[Int]\"}]}]}"));
    }

    @Test
    void typeStringsNestAtMost256Levels() throws LirFormatException {
        String deepest = "list[".repeat(LirType.MAX_NESTING - 1) + "Int" + "]".repeat(LirType.MAX_NESTING - 1);
        assertEquals(deepest, LirTypeParser.parse(deepest).toString());
        // One more level, or 100,000 (which used to overflow the parser's stack), is a clean format error.
        for (int levels : new int[] {LirType.MAX_NESTING, 100_000}) {
            String text = "list[".repeat(levels) + "Int" + "]".repeat(levels);
            LirFormatException e = assertThrows(LirFormatException.class, () -> LirTypeParser.parse(text));
            assertEquals("bad type \"" + "list[".repeat(8) + "…" + "]".repeat(40) + "\": nested more than 256 levels deep"
                    + " at offset 1280", e.getMessage());
        }
        String union = "list[".repeat(LirType.MAX_NESTING - 1) + "Int | Null" + "]".repeat(LirType.MAX_NESTING - 1);
        assertEquals(union, LirTypeParser.parse(union).toString(), "a union's members are at the union's level");
    }

    @Test
    void missingAndUnexpectedKeys() {
        assertEquals("module: missing key \"doc_hash\"",
                readError("{\"version\":\"1.0.0\",\"source\":\"s\",\"types\":[],\"cells\":[],\"tools\":[]}"));
        assertEquals("module: unexpected key \"strings\" (expected cells, doc_hash, settings, source, tools, types, version)",
                readError("{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"cells\":[],\"tools\":[],\"strings\":[]}"));
        assertEquals("cells[0]: missing key \"returns\"",
                readError("{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"tools\":[],"
                        + "\"cells\":[{\"name\":\"c\",\"params\":[],\"registers\":[],\"constants\":[],\"code\":[]}]}"));
        assertEquals("tools[0]: missing key \"mcp_server\"",
                readError("{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"cells\":[],"
                        + "\"tools\":[{\"alias\":\"A\",\"tool_id\":\"x\",\"version\":\"1\",\"mcp_tool\":null,\"grants\":{}}]}"));
        assertEquals("types[0].kind: unknown type kind \"union\" (expected \"record\", \"enum\" or \"alias\")",
                readError("{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"cells\":[],\"tools\":[],"
                        + "\"types\":[{\"kind\":\"union\",\"name\":\"U\"}]}"));
        assertEquals("types: expected an array, got {}",
                readError("{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"cells\":[],\"tools\":[],\"types\":{}}"));
        assertEquals("module: expected an object, got [1]", readError("[1]"));
    }

    @Test
    void badConstants() {
        String base = "{\"version\":\"1.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"tools\":[],"
                + "\"cells\":[{\"name\":\"c\",\"params\":[],\"returns\":\"Null\",\"registers\":[],\"code\":[],\"constants\":[";
        assertEquals("cells[0].constants[0]: unknown constant kind \"bool\" (expected one of enum, float, int, string)",
                readError(base + "{\"bool\":true}]}]}"));
        assertEquals("cells[0].constants[0].int: expected a 64-bit integer, got 9223372036854775808",
                readError(base + "{\"int\":9223372036854775808}]}]}"));
        assertEquals("cells[0].constants[0].int: expected a 64-bit integer, got 1.5",
                readError(base + "{\"int\":1.5}]}]}"));
        assertEquals("cells[0].constants[0].float: expected a number or one of \"-0.0\", \"NaN\", \"Infinity\", \"-Infinity\", got \"nan\"",
                readError(base + "{\"float\":\"nan\"}]}]}"));
        assertEquals("cells[0].constants[0]: a constant has exactly one key of enum, float, int, string, got {\"float\":1,\"int\":1}",
                readError(base + "{\"int\":1,\"float\":1}]}]}"));
        assertEquals("cells[0].constants[0].enum: expected [type, ordinal], got [1]",
                readError(base + "{\"enum\":[1]}]}]}"));
    }

    @Test
    void notJson() {
        assertTrue(readError("{\"version\": ").startsWith("not JSON: "));
        assertTrue(readError("").startsWith("not JSON: empty input"));
        assertTrue(readError("{} trailing").startsWith("not JSON: "));
        assertTrue(readError("{\"version\":\"1.0.0\",\"version\":\"1.0.0\"}").contains("Duplicate field 'version'"));
    }

    @Test
    void unsupportedVersion() {
        assertEquals("version: unsupported LIR version \"2.0.0\" (this reader reads 1.x)",
                readError("{\"version\":\"2.0.0\",\"doc_hash\":\"h\",\"source\":\"s\",\"types\":[],\"cells\":[],\"tools\":[]}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "String;String", "Int;Int", "Float;Float", "Bool;Bool", "Bytes;Bytes", "Json;Json", "Null;Null",
        "list[Int];list[Int]", "list[ list[ String ] ];list[list[String]]", "map[String, Int];map[String, Int]",
        "map[String,list[Invoice | Null]];map[String, list[Invoice | Null]]",
        "result[Invoice, ValidationError];result[Invoice, ValidationError]",
        "Int|String|Null;Int | String | Null", "Invoice;Invoice", "$tool.http.get;$tool.http.get",
    })
    void typeParser(String text, String canonical) throws LirFormatException {
        LirType t = LirTypeParser.parse(text);
        assertEquals(canonical, t.toString());
        assertEquals(t, LirTypeParser.parse(canonical));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';bad type \"\": expected a type at end",
        "list;bad type \"list\": expected \"[\" at end",
        "list[];bad type \"list[]\": expected a type, found \"]\" at offset 5",
        "map[String];bad type \"map[String]\": expected \",\" at offset 10",
        "result[Int];bad type \"result[Int]\": expected \",\" at offset 10",
        "Int Float;bad type \"Int Float\": unexpected \"F\" at offset 4",
        "9Lives;bad type \"9Lives\": expected a type, found \"9\" at offset 0",
        "Int | | Null;bad type \"Int | | Null\": expected a type, found \"|\" at offset 6",
    })
    void typeParserErrors(String text, String message) {
        LirFormatException e = assertThrows(LirFormatException.class, () -> LirTypeParser.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void instructionUniformView() {
        int w = Instruction.encode(Opcode.JMP, 0, -5, 0);
        assertEquals(-5, Instruction.operandB(w));
        assertEquals(0, Instruction.operandC(w));
        w = Instruction.encode(Opcode.EXTRAARG, 0xABCDEF, 0, 0);
        assertEquals(0xABCDEF, Instruction.operandA(w));
        w = Instruction.encode(Opcode.LOADK, 7, 65535, 0);
        assertEquals(7, Instruction.operandA(w));
        assertEquals(65535, Instruction.operandB(w));
        w = Instruction.encode(Opcode.GETFIELD, 1, 2, 255);
        assertEquals(255, Instruction.operandC(w));
        assertThrows(IllegalArgumentException.class, () -> Instruction.encode(Opcode.LOADK, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Instruction.encode(Opcode.EXTRAARG, 0, 1, 0));
        assertEquals(70000, Instruction.widen(70000 & 0xFFFF, 16, 70000 >>> 16));
        assertTrue(Opcode.LOADK.takesExtraArg());
        assertEquals('b', Opcode.LOADK.extraArgOperand());
        assertEquals('c', Opcode.GETFIELD.extraArgOperand());
        assertEquals('b', Opcode.SETFIELD.extraArgOperand());
        assertEquals('b', Opcode.TOOLCALL.extraArgOperand());
        assertTrue(!Opcode.ADD.takesExtraArg() && !Opcode.NEWLIST.takesExtraArg() && !Opcode.JMP.takesExtraArg());
        assertEquals(Opcode.LOADK, Opcode.named("LOADK"));
        assertEquals(null, Opcode.named("loadk"));
    }

    static void assertSameModule(LirModule expected, LirModule actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.docHash(), actual.docHash());
        assertEquals(expected.source(), actual.source());
        assertEquals(expected.types(), actual.types());
        assertEquals(expected.tools(), actual.tools());
        assertEquals(expected.settings(), actual.settings());
        assertEquals(expected.cells().size(), actual.cells().size());
        for (int i = 0; i < expected.cells().size(); i++) {
            CellDef e = expected.cells().get(i);
            CellDef a = actual.cells().get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.params(), a.params());
            assertEquals(e.returns(), a.returns());
            assertEquals(e.registers(), a.registers());
            assertEquals(e.constants(), a.constants());
            assertArrayEquals(e.code(), a.code());
            assertArrayEquals(e.lines(), a.lines());
            assertArrayEquals(e.columns(), a.columns());
            assertEquals(e.debug(), a.debug());
        }
    }
}
