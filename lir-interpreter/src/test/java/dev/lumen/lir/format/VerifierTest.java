package dev.lumen.lir.format;

import static dev.lumen.lir.format.LirType.Primitive.BOOL;
import static dev.lumen.lir.format.LirType.Primitive.FLOAT;
import static dev.lumen.lir.format.LirType.Primitive.INT;
import static dev.lumen.lir.format.LirType.Primitive.NULL;
import static dev.lumen.lir.format.LirType.Primitive.STRING;
import static dev.lumen.lir.format.Opcode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifierTest {

    /** Problems of a module holding the sample types, tools and constraint cell, plus {@code cell}. */
    private static List<String> problems(Asm cell) {
        return Verifier.verify(Samples.withCell(cell.build()));
    }

    private static Asm run(int registers) {
        Asm a = new Asm("run");
        for (int i = 0; i < registers; i++) {
            a.regs(INT);
        }
        return a;
    }

    @Test
    void wellFormedModulesPass() throws LirFormatException {
        assertEquals(List.of(), Verifier.verify(Samples.everything()));
        Verifier.check(Samples.everything());
    }

    @Test
    void registerOutOfRange() {
        Asm a = run(12);
        for (int i = 0; i < 7; i++) {
            a.op(LOADNULL, 0);
        }
        a.op(ADD, 1, 19, 2).op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 7: register 19 out of range (cell has 12 registers)"), problems(a));
    }

    @Test
    void checkThrowsListingEveryProblem() {
        Asm a = run(1).op(MOVE, 3, 4).op(RETURN, 0);
        LirFormatException e = assertThrows(LirFormatException.class, () -> Verifier.check(Samples.withCell(a.build())));
        assertEquals(List.of("cell `run` pc 0: register 3 out of range (cell has 1 register)",
                "cell `run` pc 0: register 4 out of range (cell has 1 register)"), e.problems());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }

    @Test
    void tableIndexesOutOfRange() {
        Asm a = run(4).k(new Constant.IntConst(1))
                .op(LOADK, 0, 1)
                .op(NEWRECORD, 0, 9)
                .op(CALL, 0, 5)
                .op(TOOLCALL, 0, 2, 1)
                .op(INTRINSIC, 0, 99, 1)
                .op(SCHEMA, 0, 4)
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 0: constant 1 out of range (cell has 1 constant)",
                "cell `run` pc 1: type 9 out of range (module has 4 types)",
                "cell `run` pc 2: cell 5 out of range (module has 2 cells)",
                "cell `run` pc 3: tool 2 out of range (module has 2 tools)",
                "cell `run` pc 4: intrinsic 99 does not exist (there are " + Intrinsic.count() + ")",
                "cell `run` pc 5: type 4 out of range (module has 4 types)"), problems(a));
    }

    @Test
    void newRecordNeedsARecordType() {
        Asm a = run(2).op(NEWRECORD, 0, 1).op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 0: NEWRECORD type 1 `Status` is not a record"), problems(a));
    }

    @Test
    void fieldIndexAgainstTheRecordType() {
        Asm a = new Asm("run").regs(Samples.INVOICE, STRING, INT)
                .op(GETFIELD, 1, 0, 1)      // Invoice.total: fine
                .op(GETFIELD, 1, 0, 2)      // no third field
                .op(SETFIELD, 0, 5, 1)      // no sixth field
                .op(GETFIELD, 1, 2, 7)      // R[2] is Int: not checked here
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 1: field 2 out of range (record `Invoice` of register 0 has 2 fields)",
                "cell `run` pc 2: field 5 out of range (record `Invoice` of register 0 has 2 fields)"), problems(a));
    }

    @Test
    void jumps() {
        Asm a = run(1)
                .op(JMPIF, 0, 5)          // to 6: outside 0..4
                .op(JMP, 0, -3)           // to -1
                .op(LOADK, 0, 0)
                .op(EXTRAARG, 0)
                .op(JMP, 0, -2);          // to 3: an EXTRAARG
        assertEquals(List.of(
                "cell `run` pc 0: jump to 6 outside the code (0..4)",
                "cell `run` pc 1: jump to -1 outside the code (0..4)",
                "cell `run` pc 2: constant 0 out of range (cell has 0 constants)",
                "cell `run` pc 4: jump to 3 lands on an EXTRAARG"), problems(a));
    }

    @Test
    void debugInformationPointsIntoTheCode() {
        Asm a = run(1).k(new Constant.StringConst("s")).line(4)
                .statement(9).op(LOADK, 0, 0)
                .statement(9).op(EXTRAARG, 0)
                .op(RETURN, 0)
                .local("x", 0, 0, 3)
                .local("", 3, 2, 4);
        assertEquals(List.of("cell `run` statement 1: starts on an EXTRAARG at pc 1",
                "cell `run` local 1: no name",
                "cell `run` local 1: register 3 out of range (cell has 1 register)",
                "cell `run` local 1: range 2..4 is not within the code (0..3)"), problems(a));
        Asm backwards = run(1).op(LOADINT, 0, 1).line(0).statement(3).op(LOADINT, 0, 2).line(5).statement(2).op(RETURN, 0);
        assertEquals(List.of("cell `run` statement 0: span starts at 0:5 (lines and columns start at 1)",
                "cell `run` statement 1: span ends at 5:2, before its start 5:5"), problems(backwards));
    }

    @Test
    void lastInstructionCannotFallOff() {
        assertEquals(List.of("cell `run` pc 1: last instruction JMPIF can fall off the end (must be RETURN, HALT or JMP)"),
                problems(run(1).op(LOADBOOL, 0, 1).op(JMPIF, 0, -2)));
        assertEquals(List.of(), problems(new Asm("run").regs(STRING).k(new Constant.StringConst("stop")).op(LOADK, 0, 0)
                .op(HALT, 0)));
        assertEquals(List.of(), problems(run(1).op(LOADINT, 0, 1).op(JMP, 0, -2)));
        assertEquals(List.of("cell `run`: no instructions"), problems(run(1)));
    }

    @Test
    void extraArgOnlyAfterAnInstructionThatTakesOne() {
        Asm a = run(3).k(new Constant.IntConst(1))
                .op(EXTRAARG, 0)
                .op(ADD, 0, 1, 2)
                .op(EXTRAARG, 1)
                .op(LOADK, 0, 0)
                .op(EXTRAARG, 1)          // constant 65536: out of range
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 0: EXTRAARG does not follow an instruction that takes one",
                "cell `run` pc 2: EXTRAARG does not follow an instruction that takes one (ADD does not)",
                "cell `run` pc 3: constant 65536 out of range (cell has 1 constant)"), problems(a));
    }

    @Test
    void extraArgWidensTheOperand() {
        List<Constant> many = new ArrayList<>(Collections.nCopies(70_000, new Constant.IntConst(7)));
        Asm a = run(1);
        many.forEach(a::k);
        a.op(LOADK, 0, 70_000 & 0xFFFF).op(EXTRAARG, 70_000 >>> 16).op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 0: constant 70000 out of range (cell has 70000 constants)"), problems(a));
        Asm b = run(1);
        many.forEach(b::k);
        b.returns(INT).op(LOADK, 0, 69_999 & 0xFFFF).op(EXTRAARG, 69_999 >>> 16).op(RETURN, 0);
        assertEquals(List.of(), problems(b));
    }

    @Test
    void registerWindows() {
        Asm a = run(6)
                .op(NEWLIST, 3, 3)        // 4..6
                .op(NEWMAP, 2, 2)         // 3..6
                .op(NEWRECORD, 4, 0)      // Invoice: 5..6
                .op(CONCAT, 0, 4, 3)      // 4..6
                .op(ISTYPE, 5, 3)         // 6
                .op(CALL, 4, 0)           // $Invoice.id(a, b): 5..6
                .op(INTRINSIC, 0, Intrinsic.REPLACE.id(), 4) // 4..6
                .op(NEWLIST, 0, 5)        // 1..5: fine
                .op(NEWLIST, 5, 0)        // empty: fine
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 0: NEWLIST of 3 elements needs registers 4..6 (cell has 6 registers)",
                "cell `run` pc 1: NEWMAP of 2 entries needs registers 3..6 (cell has 6 registers)",
                "cell `run` pc 2: NEWRECORD `Invoice` needs registers 5..6 (cell has 6 registers)",
                "cell `run` pc 3: CONCAT of 3 parts needs registers 4..6 (cell has 6 registers)",
                "cell `run` pc 4: ISTYPE operand needs registers 6..6 (cell has 6 registers)",
                "cell `run` pc 5: CALL `$Invoice.id` with 2 arguments needs registers 5..6 (cell has 6 registers)",
                "cell `run` pc 6: INTRINSIC replace with 3 arguments needs registers 4..6 (cell has 6 registers)"),
                problems(a));
    }

    @Test
    void unusedOperandsAndFlags() {
        Asm a = run(2)
                .op(LOADBOOL, 0, 2)
                .op(MOVE, 0, 1, 9)
                .op(JMP, 1, 0)
                .op(RETURN, 0, 0, 1);
        assertEquals(List.of(
                "cell `run` pc 0: LOADBOOL flag B is 2 (must be 0 or 1)",
                "cell `run` pc 1: MOVE operand C is unused and must be 0, not 9",
                "cell `run` pc 2: JMP operand A is unused and must be 0, not 1",
                "cell `run` pc 3: RETURN operand C is unused and must be 0, not 1"), problems(a));
    }

    @Test
    void unknownOpcode() {
        Asm a = run(1).word(0xFF).op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 0: unknown opcode 255"), problems(a));
    }

    @Test
    void sourceMapLength() {
        CellDef c = run(1).op(RETURN, 0).build();
        CellDef bad = new CellDef(c.name(), c.params(), c.returns(), c.registers(), c.constants(), c.code(),
                new int[] {1, 2}, new int[0]);
        assertEquals(List.of("cell `run`: source map has 2 lines and 0 columns for 1 instruction"),
                Verifier.verify(Samples.withCell(bad)));
    }

    @Test
    void parametersOccupyTheFirstRegisters() {
        Asm a = new Asm("run").param("text", STRING).param("n", INT);
        CellDef c = a.op(RETURN, 0).build();
        CellDef wrong = new CellDef("run", c.params(), NULL, List.of(STRING, FLOAT), c.constants(), c.code(), c.lines(), c.columns());
        assertEquals(List.of("cell `run`: parameter 1 `n` is Int, register 1 is Float"), Verifier.verify(Samples.withCell(wrong)));
        CellDef few = new CellDef("run", c.params(), NULL, List.of(STRING), c.constants(), c.code(), c.lines(), c.columns());
        assertEquals(List.of("cell `run`: 2 parameters but 1 register"), Verifier.verify(Samples.withCell(few)));
    }

    @Test
    void atMost256Registers() {
        Asm a = run(257).op(RETURN, 0);
        assertEquals(List.of("cell `run`: 257 registers (at most 256)"), problems(a));
        assertEquals(List.of(), problems(run(256).returns(INT).op(LOADINT, 255, 0).op(RETURN, 255)));
    }

    @Test
    void constraintCells() {
        List<TypeDef> types = List.of(new TypeDef.RecordDef("Order", List.of(
                new TypeDef.FieldDef("qty", INT, 0, "qty > 0"),
                new TypeDef.FieldDef("note", STRING, 1, "length(note) < 9"),
                new TypeDef.FieldDef("sku", STRING, 7, "sku != \"\""),
                new TypeDef.FieldDef("x", STRING, -1, "stray"))));
        CellDef takesOne = new Asm("$Order.qty").param("qty", INT).returns(BOOL).regs(BOOL).op(LOADBOOL, 1, 1).op(RETURN, 1).build();
        CellDef wrongTypes = new Asm("$Order.note").param("qty", FLOAT).param("note", STRING).param("sku", STRING)
                .param("x", STRING).returns(INT).op(RETURN, 0).build();
        LirModule m = new LirModule("1.0.0", "h", "s", types, List.of(takesOne, wrongTypes), List.of());
        assertEquals(List.of(
                "type `Order` field `qty`: constraint cell `$Order.qty` takes 1 parameter, the record has 4 fields",
                "type `Order` field `note`: constraint cell `$Order.note` parameter 0 `qty` is Float, field `qty` is Int",
                "type `Order` field `note`: constraint cell `$Order.note` returns Int, not Bool",
                "type `Order` field `sku`: constraint cell 7 out of range (module has 2 cells)",
                "type `Order` field `x`: constraint text without a constraint cell"), Verifier.verify(m));
    }

    @Test
    void namesAreUnique() {
        List<TypeDef> types = List.of(
                new TypeDef.RecordDef("A", List.of(new TypeDef.FieldDef("f", INT, -1, null), new TypeDef.FieldDef("f", INT, -1, null))),
                new TypeDef.EnumDef("A", List.of("X", "X")));
        CellDef c = new Asm("c").param("p", INT).param("p", INT).op(RETURN, 0).build();
        List<ToolDef> tools = List.of(new ToolDef("T", "fs.read", "1.0.0", null, null, Map.of()),
                new ToolDef("T", "fs.write", "1.0.0", null, null, Map.of()));
        LirModule m = new LirModule("1.0.0", "h", "s", types, List.of(c, c), tools);
        assertEquals(List.of(
                "type `A`: duplicate type name (types 0 and 1)",
                "type `A` field `f`: duplicate field name",
                "type `A`: duplicate variant `X`",
                "cell `c`: duplicate cell name (cells 0 and 1)",
                "cell `c`: duplicate parameter name `p`",
                "cell `c`: duplicate parameter name `p`",
                "tool `T`: duplicate alias (tools 0 and 1)"), Verifier.verify(m));
    }

    @Test
    void typesMustResolve() {
        LirType badUnion = new LirType.UnionOf(List.of(NULL, INT));
        LirType dupUnion = new LirType.UnionOf(List.of(INT, INT));
        Asm a = new Asm("run").regs(new LirType.Named("Nope"), new LirType.ListOf(badUnion), dupUnion,
                new LirType.UnionOf(List.of(INT)), new LirType.Named("ValidationError"), new LirType.Named("list[Invoice]"))
                .returns(new LirType.MapOf(new LirType.Named("Gone")))
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` register 0: unknown type `Nope`",
                "cell `run` register 1: union Null | Int must list Null last",
                "cell `run` register 2: union Int | Int lists Int twice",
                "cell `run` register 3: union Int needs at least two members",
                "cell `run` register 5: type name `list[Invoice]` refers to an alias entry, not a record or enum",
                "cell `run` return type: unknown type `Gone`"), problems(a));
    }

    @Test
    void aliasEntries() {
        List<TypeDef> types = List.of(new TypeDef.RecordDef("R", List.of()),
                new TypeDef.AliasDef("R", new LirType.Named("R")),
                new TypeDef.AliasDef("ints", new LirType.ListOf(INT)));
        LirModule m = new LirModule("1.0.0", "h", "s", types, List.of(), List.of());
        assertEquals(List.of(
                "type `R`: duplicate type name (types 0 and 1)",
                "type `R`: alias of the named type `R` (refer to that type itself)",
                "type `ints`: an alias is named by its type's text, `list[Int]`"), Verifier.verify(m));
    }

    @Test
    void enumConstants() {
        Asm a = run(1).k(new Constant.EnumConst(1, 2), new Constant.EnumConst(0, 0), new Constant.EnumConst(8, 0))
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` constant 0: ordinal 2 out of range (enum `Status` has 2 variants)",
                "cell `run` constant 1: type 0 `Invoice` is not an enum",
                "cell `run` constant 2: enum type 8 out of range (module has 4 types)"), problems(a));
    }

    @Test
    void tools() {
        List<ToolDef> tools = List.of(
                new ToolDef("A", null, null, null, null, Map.of()),
                new ToolDef("B", "llm.chat", "1.0.0", "srv", "t", Map.of()),
                new ToolDef("C", null, "1", "srv", null, Map.of()),
                new ToolDef("D", "fs.read", null, null, null, Map.of("path", List.of())),
                new ToolDef("E", "fs.read", "1.0.0", null, null, Map.of("path", List.of(new Object()))));
        LirModule m = new LirModule("1.0.0", "h", "s", List.of(), List.of(), tools);
        List<String> p = Verifier.verify(m);
        assertEquals("tool `A`: needs either tool_id or both mcp_server and mcp_tool", p.get(0));
        assertEquals("tool `B`: needs either tool_id or both mcp_server and mcp_tool", p.get(1));
        assertEquals("tool `C`: the grant of an MCP server has grants and no version", p.get(2));
        assertEquals("tool `D`: native tool `fs.read` has no version", p.get(3));
        assertEquals("tool `D` grant `path`: no values", p.get(4));
        assertEquals(true, p.get(5).startsWith("tool `E` grant `path`: value java.lang.Object@"));
        assertEquals(6, p.size());
    }

    @Test
    void noCallNamesTheGrantOfAServer() {
        List<ToolDef> tools = List.of(new ToolDef("Docs", null, null, "https://docs.example.com/mcp", null,
                Map.of("bearer_env", List.of("DOCS_TOKEN"))));
        Asm a = run(1).op(TOOLCALL, 0, 0, 0).op(RETURN, 0);
        LirModule base = Samples.withCell(a.build());
        LirModule m = new LirModule(base.version(), base.docHash(), base.source(), base.types(), base.cells(), tools);
        assertEquals(List.of("cell `run` pc 0: tool 0 `Docs` is the grant of an MCP server, not a tool"),
                Verifier.verify(m));
    }

    @Test
    void whatALockedMcpManifestSaysIsChecked() {
        String hash = "sha256:" + "0f".repeat(32);
        List<ToolDef> tools = List.of(
                new ToolDef("M.ok", null, null, "srv", "ok", Map.of("cache", List.of(false)), hash,
                        Map.of("readOnlyHint", true)),
                new ToolDef("M.bad", null, null, "srv", "bad", Map.of("cache", List.of("yes")), "md5:1",
                        Map.of("pureHint", true)),
                new ToolDef("Fs", "fs.read", "1.0.0", null, null, Map.of(), hash, null));
        List<String> p = Verifier.verify(new LirModule("1.0.0", "h", "s", List.of(), List.of(), tools));
        assertEquals(List.of(
                "tool `M.bad`: mcp_manifest md5:1 is not a hash (sha256: and 64 hex digits)",
                "tool `M.bad`: mcp_annotations has `pureHint`, which is not one of readOnlyHint, destructiveHint, "
                        + "idempotentHint, openWorldHint",
                "tool `M.bad` grant `cache`: [yes] is not one boolean (true or false)",
                "tool `Fs`: native tool `fs.read` has an MCP manifest or MCP annotations"), p);
    }

    @Test
    void redactValuesAreNamesOrJsonPointers() {
        List<ToolDef> tools = List.of(new ToolDef("Fetch", "http.get", "1.0.0", null, null,
                Map.of("redact", List.of("authorization", "/body/token", "/a~2", 5L, ""))));
        List<String> p = Verifier.verify(new LirModule("1.0.0", "h", "s", List.of(), List.of(), tools));
        assertEquals(List.of(
                "tool `Fetch` grant `redact`: \"/a~2\" is not a JSON pointer: \"~\" must be followed by 0 or 1"
                        + " (\"~0\" stands for \"~\", \"~1\" for \"/\")",
                "tool `Fetch` grant `redact`: value 5 is not a member name or a JSON pointer",
                "tool `Fetch` grant `redact`: value  is not a member name or a JSON pointer"), p);
    }

    @Test
    void moduleFields() {
        LirModule m = new LirModule("2.0", null, null, List.of(), List.of(), List.of());
        assertEquals(List.of("module: unsupported LIR version \"2.0\" (this verifier checks 1.x)", "module: no doc_hash",
                "module: no source"), Verifier.verify(m));
    }

    @Test
    void neverThrowsOnBrokenModels() {
        CellDef nulls = new CellDef(null, null, null, null, null, null, null, null);
        List<CellDef> cells = new ArrayList<>();
        cells.add(nulls);
        cells.add(null);
        List<TypeDef> types = new ArrayList<>();
        types.add(null);
        types.add(new TypeDef.RecordDef(null, null));
        types.add(new TypeDef.EnumDef("E", null));
        LirModule m = new LirModule(null, null, null, types, cells, null);
        List<String> p = Verifier.verify(m);
        assertEquals(true, p.size() > 5, p.toString());
        assertEquals(List.of("module: no version", "module: no doc_hash", "module: no source", "module: no tool table",
                "type 0: null", "type 1: no name", "type 1: no field list", "type `E`: enum has no variants",
                "cell 0: no name", "cell 0: no register table", "cell 0 return type: no type", "cell 0: no parameter list",
                "cell 0: no constant table", "cell 0: no instructions", "cell 1: null"), p);
        assertEquals(List.of("module: null"), Verifier.verify(null));
    }

    // TOOLSTART and AWAIT pair up (lir-v1.md §8, "Started calls"); tool 0 is Chat, register 3 its input map.

    @Test
    void anAwaitWithNoCallStartedIsRejected() {
        Asm a = run(4).op(AWAIT, 0).op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 0: AWAIT into register 0 with no call started: no TOOLSTART before it is"
                + " still to be awaited"), problems(a));
    }

    @Test
    void aCallNeverAwaitedIsRejected() {
        Asm a = run(4).op(TOOLSTART, 0, 0, 3).op(RETURN, 1);
        assertEquals(List.of(
                "cell `run` pc 1: RETURN while the call started at pc 0 is not awaited (every TOOLSTART is awaited"
                        + " before the cell returns or halts)",
                "cell `run` pc 0: the call TOOLSTART starts into register 0 is never awaited (each TOOLSTART is"
                        + " followed by its AWAIT)"), problems(a));
    }

    @Test
    void callsAreAwaitedInTheOrderStartedIntoTheirRegisters() {
        Asm a = run(4).op(TOOLSTART, 0, 0, 3).op(TOOLSTART, 1, 0, 3).op(AWAIT, 1).op(AWAIT, 0).op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 2: AWAIT into register 1, but the earliest call not awaited, started at pc 0, gives"
                        + " register 0 (calls are awaited in the order started)",
                "cell `run` pc 3: AWAIT into register 0, but the earliest call not awaited, started at pc 1, gives"
                        + " register 1 (calls are awaited in the order started)"), problems(a));
    }

    @Test
    void aRegisterACallWritesIsNotUsedBeforeItsAwait() {
        Asm a = run(6)
                .op(TOOLSTART, 0, 0, 3)
                .op(MOVE, 1, 0)          // reads it
                .op(NEWLIST, 4, 1)       // reads it in a window: register 5
                .op(TOOLSTART, 5, 0, 3)
                .op(TOOLSTART, 0, 0, 3)  // a second call into it
                .op(AWAIT, 0).op(AWAIT, 5).op(AWAIT, 0)
                .op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 1: MOVE uses register 0 before the AWAIT of the call started at pc 0, which writes it",
                "cell `run` pc 4: TOOLSTART uses register 0 before the AWAIT of the call started at pc 0, which writes it"),
                problems(a));
        Asm window = run(6).op(TOOLSTART, 5, 0, 3).op(NEWLIST, 4, 1).op(AWAIT, 5).op(RETURN, 5);
        assertEquals(List.of("cell `run` pc 1: NEWLIST uses register 5 before the AWAIT of the call started at pc 0,"
                + " which writes it"), problems(window));
    }

    @Test
    void onlyAwaitsComeBetweenAGroupsFirstAwaitAndItsLast() {
        Asm a = run(4).op(TOOLSTART, 0, 0, 3).op(TOOLSTART, 1, 0, 3).op(AWAIT, 0)
                .op(LOADINT, 2, 1).op(TOOLSTART, 2, 0, 3)
                .op(AWAIT, 1).op(AWAIT, 2).op(RETURN, 0);
        assertEquals(List.of(
                "cell `run` pc 3: LOADINT between the AWAITs of the calls started at pc 1: once a group's first AWAIT"
                        + " has run, only its AWAITs follow until every call is awaited",
                "cell `run` pc 4: TOOLSTART between the AWAITs of the calls started at pc 1: once a group's first AWAIT"
                        + " has run, only its AWAITs follow until every call is awaited"), problems(a));
    }

    @Test
    void noJumpEntersAGroupAfterItsStartOrLeavesItBeforeItsAwaits() {
        Asm into = run(4)
                .op(JMPIF, 2, 2)         // to 3, the group's second TOOLSTART
                .op(TOOLSTART, 0, 0, 3)
                .op(LOADBOOL, 2, 1)
                .op(TOOLSTART, 1, 0, 3)
                .op(AWAIT, 0).op(AWAIT, 1)
                .op(JMPIF, 2, -6)        // back to 1, the group's start: a loop around it
                .op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 0: JMPIF to 3 enters the group of the calls started at pc 1 (pc 1..5)"
                + " after its start"), problems(into));
        Asm out = run(4)
                .op(TOOLSTART, 0, 0, 3)
                .op(JMPIF, 2, 0)         // to 2, within the group
                .op(JMPIF, 2, 1)         // to 4, past its AWAIT
                .op(AWAIT, 0)
                .op(RETURN, 0);
        assertEquals(List.of("cell `run` pc 2: JMPIF to 4 leaves the group of the calls started at pc 0 (pc 0..3)"
                + " before its calls are awaited"), problems(out));
    }
}
