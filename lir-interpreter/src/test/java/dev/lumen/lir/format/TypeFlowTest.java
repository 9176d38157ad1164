package dev.lumen.lir.format;

import static dev.lumen.lir.format.LirType.Primitive.BOOL;
import static dev.lumen.lir.format.LirType.Primitive.FLOAT;
import static dev.lumen.lir.format.LirType.Primitive.INT;
import static dev.lumen.lir.format.LirType.Primitive.JSON;
import static dev.lumen.lir.format.LirType.Primitive.NULL;
import static dev.lumen.lir.format.LirType.Primitive.STRING;
import static dev.lumen.lir.format.Opcode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier's second pass ({@link TypeFlow}): registers are written before they are read, operations get the
 * types they work on, and unions are narrowed only by tests. Each rejected module here is one the interpreter
 * would have failed on with a Java exception.
 */
class TypeFlowTest {
    private static final LirType INT_OR_NULL = new LirType.UnionOf(List.of(INT, NULL));
    private static final LirType INT_OR_STRING_OR_NULL = Samples.INT_OR_STRING_OR_NULL;
    private static final LirType RESULT = new LirType.ResultOf(INT, STRING);
    /** Type-table entry 3 of the samples: the alias `Int | String | Null`; this test adds 4, `Int`. */
    private static final int INT_ENTRY = 4;

    private static List<String> problems(Asm cell) {
        LirModule sample = Samples.withCell(cell.build());
        List<TypeDef> types = new ArrayList<>(sample.types());
        types.add(new TypeDef.AliasDef("Int", INT));
        return Verifier.verify(new LirModule(sample.version(), sample.docHash(), sample.source(), types, sample.cells(),
                sample.tools()));
    }

    @Test
    void aRegisterIsWrittenBeforeItIsRead() {
        assertEquals(List.of("cell `run` pc 0: RETURN reads register 1 (A), which may not be written yet"),
                problems(new Asm("run").param("n", INT).returns(INT).regs(INT).op(RETURN, 1)));
        // written on one branch only
        Asm oneBranch = new Asm("run").param("flag", BOOL).returns(INT).regs(INT)
                .op(JMPIFNOT, 0, 1).op(LOADINT, 1, 7).op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 2: RETURN reads register 1 (A), which may not be written yet"), problems(oneBranch));
        Asm both = new Asm("run").param("flag", BOOL).returns(INT).regs(INT)
                .op(JMPIFNOT, 0, 2).op(LOADINT, 1, 7).op(JMP, 0, 1).op(LOADINT, 1, 8).op(RETURN, 1);
        assertEquals(List.of(), problems(both));
    }

    @Test
    void operationsGetTheTypesTheyWorkOn() {
        Asm a = new Asm("run").param("s", STRING).param("xs", new LirType.ListOf(INT)).returns(INT).regs(INT, BOOL, FLOAT)
                .op(LOADINT, 2, 1)
                .op(ADD, 2, 2, 0)          // Int + String
                .op(LEN, 2, 3)             // length of a Bool
                .op(GETINDEX, 2, 1, 0)     // a list indexed by a String
                .op(LT, 3, 2, 4)           // Int < unwritten Float
                .op(JMPIF, 2, 0)           // jump on an Int
                .op(RETURN, 2);
        assertEquals(List.of(
                "cell `run` pc 1: ADD needs Int in register 0 (C), which holds String",
                "cell `run` pc 2: LEN reads register 3 (B), which may not be written yet",
                "cell `run` pc 3: GETINDEX needs Int in register 0 (C), which holds String",
                "cell `run` pc 4: LT reads register 4 (C), which may not be written yet",
                "cell `run` pc 5: JMPIF needs Bool in register 2 (A), which holds Int"), problems(a));
    }

    @Test
    void haltTakesAStringOrAValidationError() {
        assertEquals(List.of(), problems(new Asm("run").param("e", new LirType.Named("ValidationError")).returns(INT)
                .op(HALT, 0)));
        assertEquals(List.of("cell `run` pc 0: HALT needs a String or a ValidationError in register 0 (A), which holds Int"),
                problems(new Asm("run").param("n", INT).returns(INT).op(HALT, 0)));
    }

    @Test
    void anUnboxedRegisterHoldsOnlyItsType() {
        Asm a = new Asm("run").param("s", STRING).returns(INT).regs(INT).op(MOVE, 1, 0).op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 0: MOVE writes String into register 1 of type Int"), problems(a));
    }

    @Test
    void aValueItsRegisterDoesNotAdmitIsOnlyForSchemaAndValidate() {
        LirType invoices = new LirType.ListOf(Samples.INVOICE);
        Asm ok = new Asm("run").param("text", STRING).returns(invoices).regs(invoices)
                .op(MOVE, 1, 0).op(SCHEMA, 1, 2).op(RETURN, 1);
        assertEquals(List.of(), problems(ok));
        Asm early = new Asm("run").param("text", STRING).returns(invoices).regs(invoices)
                .op(MOVE, 1, 0).op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 1: RETURN reads register 1 (A) holding String, which its type list[Invoice]"
                + " does not admit"), problems(early));
        Asm notText = new Asm("run").param("n", INT_OR_NULL).returns(invoices).regs(invoices)
                .op(MOVE, 1, 0).op(SCHEMA, 1, 2).op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 1: SCHEMA validates register 1 holding Int | Null (it validates String or Json)"),
                problems(notText));
    }

    @Test
    void aUnionIsNarrowedOnlyByATest() {
        Asm untested = new Asm("run").param("x", INT_OR_NULL).returns(INT).regs(INT).op(MOVE, 1, 0).op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 0: MOVE writes Int | Null into register 1 of type Int"), problems(untested));
        // the front end's match: ISTYPE on a copy, jump away unless it is an Int, then MOVE out of the subject
        Asm tested = new Asm("run").param("x", INT_OR_NULL).returns(INT).regs(BOOL, INT_OR_NULL, INT)
                .op(MOVE, 2, 0).word(Instruction.abx(ISTYPE, 1, INT_ENTRY)).op(JMPIFNOT, 1, 2)
                .op(MOVE, 3, 0).op(RETURN, 3)
                .op(LOADINT, 3, 0).op(RETURN, 3);
        assertEquals(List.of(), problems(tested));
        Asm wrongBranch = new Asm("run").param("x", INT_OR_NULL).returns(INT).regs(BOOL, INT_OR_NULL, INT)
                .op(MOVE, 2, 0).word(Instruction.abx(ISTYPE, 1, INT_ENTRY)).op(JMPIF, 1, 2)
                .op(MOVE, 3, 0).op(RETURN, 3)
                .op(LOADINT, 3, 0).op(RETURN, 3);
        assertEquals(List.of("cell `run` pc 3: MOVE writes Null into register 3 of type Int"), problems(wrongBranch));
        // the subject written between the test and the jump: the test says nothing about the new value
        Asm rewritten = new Asm("run").param("x", INT_OR_NULL).returns(INT).regs(BOOL, INT_OR_NULL, INT)
                .op(MOVE, 2, 0).word(Instruction.abx(ISTYPE, 1, INT_ENTRY)).op(LOADNULL, 0).op(JMPIFNOT, 1, 2)
                .op(MOVE, 3, 0).op(RETURN, 3)
                .op(LOADINT, 3, 0).op(RETURN, 3);
        assertEquals(List.of("cell `run` pc 4: MOVE writes Null into register 3 of type Int"), problems(rewritten));
    }

    @Test
    void aComparisonWithNullNarrowsAsANullPattern() {
        LirType union = INT_OR_STRING_OR_NULL;
        Asm a = new Asm("run").param("x", union).returns(STRING).regs(BOOL, union, INT, NULL, STRING)
                .op(MOVE, 2, 0).word(Instruction.abx(ISTYPE, 1, INT_ENTRY)).op(JMPIFNOT, 1, 1).op(JMP, 0, 5)
                .op(LOADNULL, 4).op(EQ, 1, 0, 4).op(JMPIF, 1, 2)
                .op(MOVE, 5, 0).op(RETURN, 5)                       // neither an Int nor null: a String
                .k(new Constant.StringConst("other")).op(LOADK, 5, 0).op(RETURN, 5);
        assertEquals(List.of(), problems(a));
    }

    @Test
    void comparisonsWithBothBoolsRuleOutBool() {
        LirType intOrBool = new LirType.UnionOf(List.of(BOOL, INT));
        // v == true? v == false? neither: an Int
        Asm a = new Asm("run").param("v", intOrBool).returns(INT).regs(BOOL, BOOL, INT)
                .op(LOADBOOL, 2, 1).op(EQ, 1, 0, 2).op(JMPIF, 1, 5)
                .op(LOADBOOL, 2, 0).op(EQ, 1, 0, 2).op(JMPIF, 1, 2)
                .op(MOVE, 3, 0).op(RETURN, 3)
                .op(LOADINT, 3, 0).op(RETURN, 3);
        assertEquals(List.of(), problems(a));
        // only `true` ruled out: v may still be false
        Asm half = new Asm("run").param("v", intOrBool).returns(INT).regs(BOOL, BOOL, INT)
                .op(LOADBOOL, 2, 1).op(EQ, 1, 0, 2).op(JMPIF, 1, 2)
                .op(MOVE, 3, 0).op(RETURN, 3)
                .op(LOADINT, 3, 0).op(RETURN, 3);
        assertEquals(List.of("cell `run` pc 3: MOVE writes Bool | Int into register 3 of type Int"), problems(half));
    }

    @Test
    void unwrapTakesThePayloadTheTestFound() {
        Asm tested = new Asm("run").param("r", RESULT).returns(INT).regs(BOOL, INT)
                .op(ISOK, 1, 0).op(JMPIFNOT, 1, 2).op(UNWRAP, 2, 0).op(RETURN, 2)
                .op(LOADINT, 2, -1).op(RETURN, 2);
        assertEquals(List.of(), problems(tested));
        Asm untested = new Asm("run").param("r", RESULT).returns(INT).regs(INT).op(UNWRAP, 1, 0).op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 0: UNWRAP writes Int | String into register 1 of type Int"), problems(untested));
        Asm built = new Asm("run").param("n", INT).returns(INT).regs(RESULT, INT)
                .op(OK, 1, 0).op(UNWRAP, 2, 1).op(RETURN, 2);
        assertEquals(List.of(), problems(built));
    }

    @Test
    void aRecordNamedLikeABuiltInHasItsFields() {
        List<TypeDef> types = List.of(new TypeDef.RecordDef("TraceRef", List.of(new TypeDef.FieldDef("seq", INT, -1, null))));
        CellDef run = new Asm("run").returns(NULL).regs(NULL).op(LOADNULL, 0).op(RETURN, 0).build();
        LirModule m = new LirModule(LirModule.VERSION, Samples.DOC_HASH, "t.lm.md", types, List.of(run), List.of());
        assertEquals(List.of("type `TraceRef`: a built-in record must have exactly its fields (trace_id: String, seq: Int)"),
                Verifier.verify(m));
    }

    @Test
    void intrinsicsGetTheirArgumentTypes() {
        Asm a = new Asm("run").param("m", new LirType.MapOf(INT)).returns(STRING).regs(STRING, JSON, STRING)
                .op(INTRINSIC, 1, Intrinsic.TRIM.id(), 0)           // trim of a map
                .op(INTRINSIC, 2, Intrinsic.TRACE_REF.id(), 0)      // a TraceRef into a Json register
                .op(INTRINSIC, 3, Intrinsic.TO_STRING.id(), 0)
                .op(RETURN, 3);
        assertEquals(List.of(
                "cell `run` pc 0: INTRINSIC needs String in register 0 (argument 0), which holds map[String, Int]",
                "cell `run` pc 1: INTRINSIC writes TraceRef into register 2 of type Json"), problems(a));
    }

    @Test
    void anIntrinsicResultGoesIntoARegisterThatAdmitsIt() {
        LirType maybeRef = new LirType.UnionOf(List.of(new LirType.Named("TraceRef"), NULL));
        Asm a = new Asm("run").param("m", new LirType.MapOf(INT)).returns(maybeRef).regs(maybeRef, STRING)
                .op(INTRINSIC, 1, Intrinsic.TRACE_REF.id(), 1)                   // a TraceRef into TraceRef | Null
                .op(INTRINSIC, 2, Intrinsic.KEYS.id(), 0)                        // a list[String] into a String
                .op(INTRINSIC, 2, Intrinsic.KEYS.id(), 1)                        // keys of a TraceRef
                .op(RETURN, 1);
        assertEquals(List.of("cell `run` pc 1: INTRINSIC writes list[String] into register 2 of type String",
                "cell `run` pc 2: INTRINSIC needs a map in register 1 (argument 0), which holds TraceRef"), problems(a));
    }
}
