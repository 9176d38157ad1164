package dev.lumen.lir.format;

import static dev.lumen.lir.format.LirType.Primitive.BOOL;
import static dev.lumen.lir.format.LirType.Primitive.FLOAT;
import static dev.lumen.lir.format.LirType.Primitive.INT;
import static dev.lumen.lir.format.LirType.Primitive.JSON;
import static dev.lumen.lir.format.LirType.Primitive.STRING;
import static dev.lumen.lir.format.Opcode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisassemblerTest {

    static LirModule small() {
        CellDef total = new Asm("total").param("items", new LirType.ListOf(INT)).returns(INT)
                .regs(INT, INT, INT, BOOL, INT)
                .line(3).op(LOADINT, 1, 0).op(LOADINT, 2, 0)
                .line(4).op(LEN, 3, 0).op(LT, 4, 2, 3).op(JMPIFNOT, 4, 5)
                .line(5).op(GETINDEX, 5, 0, 2).op(ADD, 1, 1, 5)
                .line(4).op(LOADINT, 5, 1).op(ADD, 2, 2, 5).op(JMP, 0, -7)
                .line(7).op(RETURN, 1)
                .build();
        CellDef run = new Asm("run").param("text", STRING).returns(Samples.INVOICE)
                .regs(Samples.INVOICE, STRING, FLOAT, Samples.STATUS, STRING, JSON, new LirType.MapOf(JSON), BOOL, STRING,
                        FLOAT, INT)
                .k(new Constant.StringConst("INV-001"), new Constant.FloatConst(1.5), new Constant.EnumConst(1, 1),
                        new Constant.FloatConst(2.0), new Constant.IntConst(-42))
                .line(10).op(LOADK, 2, 0).op(LOADK, 3, 1).op(NEWRECORD, 1, 0)
                .line(11).op(GETFIELD, 5, 1, 0).op(LOADK, 4, 2)
                .line(12).op(INTRINSIC, 11, Intrinsic.LENGTH.id(), 0)
                .line(13).op(NEWMAP, 7, 0).op(TOOLCALL, 6, 0, 7)
                .line(14).op(MOVE, 9, 2).op(MOVE, 10, 3).op(CALL, 8, 0).op(JMPIF, 8, 1)
                .line(15).op(HALT, 5)
                .line(16).op(RETURN, 1)
                .build();
        return new LirModule(LirModule.VERSION, Samples.DOC_HASH, "invoice.lm.md", Samples.types(),
                List.of(Samples.constraintCell(), total, run),
                List.of(new ToolDef("Chat", "llm.chat", "1.0.0", null, null, Map.of("model", List.of("m"), "max_tokens", List.of(100L)))));
    }

    @Test
    void golden() {
        LirModule m = small();
        assertEquals(List.of(), Verifier.verify(m));
        String expected = """
                ; LIR 1.2.0  source invoice.lm.md  doc sha256:abababababababababababababababababababababababababababababababab
                ; 4 types, 3 cells, 1 tool

                type 0 record Invoice
                  0  id: String  where length(id) >= 6  ; cell 0 `$Invoice.id`
                  1  total: Float
                type 1 enum Status { Paid, Open }
                type 2 alias list[Invoice]
                type 3 alias Int | String | Null

                tool 0 Chat = llm.chat 1.0.0
                  grant max_tokens 100
                  grant model "m"

                cell $Invoice.id(id: String, total: Float) -> Bool  ; 4 instructions, 5 registers, 0 constants
                  0  [3]  LEN      2 0
                  1  [3]  LOADINT  3 6
                  2  [3]  LE       4 3 2
                  3  [3]  RETURN   4
                registers (5):
                  0  String  ; id
                  1  Float  ; total
                  2  Int
                  3  Int
                  4  Bool

                cell total(items: list[Int]) -> Int  ; 11 instructions, 6 registers, 0 constants
                   0  [3]  LOADINT   1 0
                   1  [3]  LOADINT   2 0
                   2  [4]  LEN       3 0
                   3  [4]  LT        4 2 3
                   4  [4]  JMPIFNOT  4 5    ; to 10
                   5  [5]  GETINDEX  5 0 2
                   6  [5]  ADD       1 1 5
                   7  [4]  LOADINT   5 1
                   8  [4]  ADD       2 2 5
                   9  [4]  JMP       -7     ; to 3
                  10  [7]  RETURN    1
                registers (6):
                  0  list[Int]  ; items
                  1  Int
                  2  Int
                  3  Int
                  4  Bool
                  5  Int

                cell run(text: String) -> Invoice  ; 14 instructions, 12 registers, 5 constants
                   0  [10]  LOADK      2 0     ; "INV-001"
                   1  [10]  LOADK      3 1     ; 1.5
                   2  [10]  NEWRECORD  1 0     ; Invoice
                   3  [11]  GETFIELD   5 1 0   ; .id
                   4  [11]  LOADK      4 2     ; Status.Open
                   5  [12]  INTRINSIC  11 0 0  ; length
                   6  [13]  NEWMAP     7 0
                   7  [13]  TOOLCALL   6 0 7   ; Chat
                   8  [14]  MOVE       9 2
                   9  [14]  MOVE       10 3
                  10  [14]  CALL       8 0     ; $Invoice.id
                  11  [14]  JMPIF      8 1     ; to 13
                  12  [15]  HALT       5
                  13  [16]  RETURN     1
                constants (5):
                  0  string  "INV-001"
                  1  float   1.5
                  2  enum    Status.Open
                  3  float   2.0
                  4  int     -42
                registers (12):
                   0  String  ; text
                   1  Invoice
                   2  String
                   3  Float
                   4  Status
                   5  String
                   6  Json
                   7  map[String, Json]
                   8  Bool
                   9  String
                  10  Float
                  11  Int
                """;
        assertEquals(expected, Disassembler.listing(m));
    }

    @Test
    void opcodeSequenceAndSingleInstructions() {
        LirModule m = small();
        assertEquals(List.of("LOADINT", "LOADINT", "LEN", "LT", "JMPIFNOT", "GETINDEX", "ADD", "LOADINT", "ADD", "JMP", "RETURN"),
                Disassembler.opcodes(m.cells().get(1)));
        assertEquals("JMP -7 ; to 3", Disassembler.instruction(m, m.cells().get(1), 9));
        assertEquals("ADD 1 1 5", Disassembler.instruction(m, m.cells().get(1), 6));
        assertTrue(Disassembler.cell(m, 1).startsWith("cell total(items: list[Int]) -> Int  ; 11 instructions"));
    }

    @Test
    void namesTheRegistersOfLocalsAndListsTheStatements() {
        String listing = Disassembler.cell(Samples.everything(), 1);
        assertTrue(listing.contains("\n   5  list[Int]  ; items (pc 14..60)\n"), listing);
        assertTrue(listing.contains("statements (2):\n   0  10:5-10:30\n  13  11:5-11:22\n"), listing);
        // A cell without debug information lists neither.
        assertTrue(!Disassembler.cell(Samples.everything(), 0).contains("statements"));
    }

    @Test
    void everyOpcodeModuleListsDeterministically() {
        String listing = Disassembler.listing(Samples.everything());
        assertEquals(listing, Disassembler.listing(Samples.everything()));
        assertTrue(listing.contains("LOADK      9 0      ; \"INV-001\" (operand b = 0 with EXTRAARG)"), listing);
        assertTrue(listing.contains("EXTRAARG   0\n"), listing);
        assertTrue(listing.contains("SETFIELD   11 1 13  ; .total"), listing);
        assertTrue(listing.contains("ISTYPE     16 3     ; Int | String | Null"), listing);
        assertTrue(listing.contains("SCHEMA     24 2     ; list[Invoice]"), listing);
        assertTrue(listing.contains("INTRINSIC  21 11 0  ; trace_ref"), listing);
        assertTrue(listing.contains("LOADBOOL   3 1      ; true"), listing);
        assertTrue(listing.contains("   4  float   -0.0\n"), listing);
        assertTrue(listing.contains("   5  float   Infinity\n"), listing);
        assertTrue(listing.contains("   6  string  \"tab\\t\\\"quoted\\\" caf\u00e9 \ud83d\ude00 {x}\"\n"), listing);
        assertTrue(listing.contains("   8  float   3.0\n"), listing);
        assertTrue(listing.contains("  10  float   1e-7\n"), listing);
        assertTrue(listing.contains("tool 1 Files = mcp \"filesystem\" read_file\n  grant path \"/tmp/in\"\n  grant recursive true\n"
                + "  grant timeout_ms 5000\n"), listing);
    }

    @Test
    void brokenModulesStillList() {
        CellDef bad = new Asm("bad").regs(INT).k(new Constant.EnumConst(9, 9), new Constant.StringConst("lone \ud800"))
                .op(LOADK, 0, 5).op(CALL, 0, 40).op(TOOLCALL, 0, 9, 0).op(GETFIELD, 0, 3, 1).word(0xEE).op(LOADK, 0, 0)
                .build();
        String listing = Disassembler.cell(Samples.withCell(bad), 1);
        assertTrue(listing.contains("LOADK     0 5    ; ?"), listing);
        assertTrue(listing.contains("CALL      0 40   ; ?"), listing);
        assertTrue(listing.contains("TOOLCALL  0 9 0  ; ?"), listing);
        assertTrue(listing.contains("GETFIELD  0 3 1  ; .#1"), listing);
        assertTrue(listing.contains("?238      0 0 0  ; unknown opcode"), listing);
        assertTrue(listing.contains("LOADK     0 0    ; enum(9, 9)?"), listing);
        assertTrue(listing.contains("1  string  \"lone \\ud800\""), listing);
    }
}
