package dev.lumen.lir.format;

import static dev.lumen.lir.format.LirType.Primitive.BOOL;
import static dev.lumen.lir.format.LirType.Primitive.FLOAT;
import static dev.lumen.lir.format.LirType.Primitive.INT;
import static dev.lumen.lir.format.LirType.Primitive.JSON;
import static dev.lumen.lir.format.LirType.Primitive.NULL;
import static dev.lumen.lir.format.LirType.Primitive.STRING;
import static dev.lumen.lir.format.Opcode.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built modules for the format tests. */
final class Samples {
    static final String DOC_HASH = "sha256:" + "ab".repeat(32);

    static final LirType INVOICE = new LirType.Named("Invoice");
    static final LirType STATUS = new LirType.Named("Status");
    static final LirType INT_OR_STRING_OR_NULL = new LirType.UnionOf(List.of(INT, STRING, NULL));

    private Samples() {
    }

    static List<TypeDef> types() {
        return List.of(
                new TypeDef.RecordDef("Invoice", List.of(
                        new TypeDef.FieldDef("id", STRING, 0, "length(id) >= 6"),
                        new TypeDef.FieldDef("total", FLOAT, -1, null))),
                new TypeDef.EnumDef("Status", List.of("Paid", "Open")),
                new TypeDef.AliasDef("list[Invoice]", new LirType.ListOf(INVOICE)),
                new TypeDef.AliasDef("Int | String | Null", INT_OR_STRING_OR_NULL));
    }

    static List<ToolDef> tools() {
        Map<String, List<Object>> chat = new LinkedHashMap<>();
        chat.put("model", List.of("claude-sonnet", "gpt-5"));
        chat.put("max_tokens", List.of(2000L));
        chat.put("temperature", List.of(0.25));
        Map<String, List<Object>> files = new LinkedHashMap<>();
        files.put("timeout_ms", List.of(5000L));
        files.put("path", List.of("/tmp/in"));
        files.put("recursive", List.of(true));
        return List.of(
                new ToolDef("Chat", "llm.chat", "1.0.0", null, null, chat),
                new ToolDef("Files", null, null, "filesystem", "read_file", files));
    }

    /** The `where length(id) >= 6` constraint of Invoice.id. */
    static CellDef constraintCell() {
        return new Asm("$Invoice.id").param("id", STRING).param("total", FLOAT).returns(BOOL)
                .regs(INT, INT, BOOL)
                .line(3)
                .op(LEN, 2, 0)
                .op(LOADINT, 3, 6)
                .op(LE, 4, 3, 2)
                .op(RETURN, 4)
                .build();
    }

    /** A cell that uses every opcode once at least, and every constant kind. Verifies cleanly, types included. */
    static CellDef everyOpcode() {
        Asm a = new Asm("run").param("text", STRING).returns(INVOICE);
        a.regs(
                INT,                                   // 1
                FLOAT,                                 // 2
                BOOL,                                  // 3
                NULL,                                  // 4
                new LirType.ListOf(INT),               // 5
                INT, INT,                              // 6, 7
                new LirType.MapOf(INT),                // 8
                STRING, INT,                           // 9, 10
                INVOICE, STRING, FLOAT,                // 11, 12, 13
                new LirType.ResultOf(INT, STRING),     // 14
                STATUS,                                // 15
                BOOL, INT_OR_STRING_OR_NULL,           // 16, 17
                BOOL, STRING, FLOAT,                   // 18, 19, 20
                new LirType.Named("TraceRef"),         // 21
                JSON, new LirType.MapOf(JSON),         // 22, 23
                new LirType.ListOf(INVOICE),           // 24
                new LirType.ResultOf(INVOICE, new LirType.Named("ValidationError"))); // 25
        a.k(new Constant.StringConst("INV-001"),
                new Constant.FloatConst(1.5),
                new Constant.IntConst(5_000_000_000L),
                new Constant.EnumConst(1, 1),
                new Constant.FloatConst(-0.0),
                new Constant.FloatConst(Double.POSITIVE_INFINITY),
                new Constant.StringConst("tab\t\"quoted\" caf\u00e9 \ud83d\ude00 {x}"),
                new Constant.IntConst(Long.MIN_VALUE),
                new Constant.FloatConst(3.0),
                new Constant.FloatConst(Double.NaN),
                new Constant.FloatConst(1e-7));
        a.line(10).statement(30)
                .op(LOADINT, 6, -7)
                .op(MOVE, 7, 6)
                .op(LOADK, 9, 0).op(EXTRAARG, 0)
                .op(LOADK, 2, 1)
                .op(LOADK, 1, 2)
                .op(LOADK, 10, 2)
                .op(LOADK, 15, 3)
                .op(LOADK, 2, 4)
                .op(LOADBOOL, 3, 1)
                .op(LOADNULL, 4)
                .op(LOADK, 12, 0)
                .op(LOADK, 13, 1)
                .line(11).statement(22)
                .op(NEWLIST, 5, 2)
                .op(NEWMAP, 8, 1)
                .op(NEWRECORD, 11, 0)
                .op(ERR, 14, 9)
                .op(OK, 14, 1)
                .line(12)
                .op(GETFIELD, 12, 11, 0)
                .op(SETFIELD, 11, 1, 13)
                .op(GETINDEX, 6, 5, 1)
                .op(SETINDEX, 5, 1, 6)
                .op(APPEND, 5, 5, 6)
                .op(LEN, 1, 5)
                .line(13)
                .op(ADD, 1, 1, 6).op(SUB, 1, 1, 6).op(MUL, 1, 1, 6).op(DIV, 1, 1, 6).op(MOD, 1, 1, 6)
                .op(NEG, 1, 1)
                .op(NOT, 3, 3)
                .op(CONCAT, 9, 9, 2)
                .line(14)
                .op(EQ, 3, 1, 6).op(NE, 3, 1, 6).op(LT, 3, 1, 6).op(LE, 3, 1, 6).op(IN, 3, 9, 8)
                .op(JMP, 0, 1)
                .op(JMPIF, 3, 0)
                .op(JMPIFNOT, 3, 0)
                .line(15)
                .op(ISOK, 3, 14)
                .op(UNWRAP, 1, 14)
                .op(MOVE, 17, 1)
                .op(ISTYPE, 16, 3)
                .op(MOVE, 19, 9)
                .op(MOVE, 20, 2)
                .op(CALL, 18, 0)
                .op(INTRINSIC, 1, Intrinsic.LENGTH.id(), 9)
                .op(INTRINSIC, 21, Intrinsic.TRACE_REF.id(), 0)
                .op(NEWMAP, 23, 0)
                .op(TOOLCALL, 22, 0, 23)
                .op(TOOLSTART, 22, 0, 23)
                .op(AWAIT, 22)
                .op(MOVE, 24, 0)
                .op(SCHEMA, 24, 2)
                .op(MOVE, 25, 0)
                .op(VALIDATE, 25, 0)
                .line(16)
                .op(JMPIF, 3, 1)
                .op(HALT, 9)
                .op(RETURN, 11);
        a.local("items", 5, 14, a.size());
        return a.build();
    }

    static LirModule everything() {
        return new LirModule(LirModule.VERSION, DOC_HASH, "invoice.lm.md", types(),
                List.of(constraintCell(), everyOpcode()), tools());
    }

    /** A module whose only cell is {@code cell}, with the sample types and tools and the constraint cell. */
    static LirModule withCell(CellDef cell) {
        return new LirModule(LirModule.VERSION, DOC_HASH, "t.lm.md", types(), List.of(constraintCell(), cell), tools());
    }
}
