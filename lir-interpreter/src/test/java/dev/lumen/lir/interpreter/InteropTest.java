package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lumen values as a Java host sees them, and host values as cells receive them. */
class InteropTest {
    static Context context;
    static Value module;

    static final LirType LINE = nominal("Line");
    static final LirType INVOICE = nominal("Invoice");
    static final LirType STATUS = nominal("Status");

    @BeforeAll
    static void open() {
        context = Lir.context();
        Lir lir = new Lir()
                .type(new TypeDef.RecordDef("Line", List.of(new TypeDef.FieldDef("sku", STRING, -1, null),
                        new TypeDef.FieldDef("qty", INT, -1, null))))
                .type(new TypeDef.RecordDef("Invoice", List.of(new TypeDef.FieldDef("id", STRING, -1, null),
                        new TypeDef.FieldDef("status", STATUS, -1, null),
                        new TypeDef.FieldDef("lines", list(LINE), -1, null),
                        new TypeDef.FieldDef("tags", map(STRING), -1, null),
                        new TypeDef.FieldDef("note", union(STRING, NULL), -1, null),
                        new TypeDef.FieldDef("paid", result(FLOAT, STRING), -1, null))))
                .type(new TypeDef.EnumDef("Status", List.of("Paid", "Open")));
        lir.cell(identity("invoice", INVOICE)).cell(identity("json", JSON)).cell(identity("bytes", BYTES))
                .cell(identity("numbers", list(FLOAT))).cell(identity("either", union(INT, STRING, NULL)))
                .cell(identity("statuses", map(STATUS))).cell(identity("outcome", result(INT, STRING)));
        // A number's kind decides its member, whatever the members' order (Float sorts before Int).
        lir.type(new TypeDef.AliasDef("Int", INT));
        Cell isInt = new Cell("is_int").param("x", union(FLOAT, INT)).returns(BOOL).reg("r", BOOL).reg("y", union(FLOAT, INT));
        isInt.op(MOVE, isInt.r("y"), isInt.r("x")).word(Instruction.abx(ISTYPE, isInt.r("r"), 3)).op(RETURN, isInt.r("r"));
        lir.cell(isInt);
        Cell b = new Cell("bytes_text").param("b", BYTES).returns(STRING).reg("r", STRING);
        b.op(INTRINSIC, b.r("r"), Intrinsic.TO_STRING.id(), 0).op(RETURN, b.r("r"));
        lir.cell(b);
        Cell make = new Cell("make").param("id", STRING).returns(INVOICE).reg("r", INVOICE)
                .reg("f_id", STRING).reg("f_status", STATUS).reg("f_lines", list(LINE)).reg("f_tags", map(STRING))
                .reg("f_note", union(STRING, NULL)).reg("f_paid", result(FLOAT, STRING)).reg("amount", FLOAT)
                .reg("line", LINE).reg("sku", STRING).reg("qty", INT).reg("tk", STRING).reg("tv", STRING);
        make.op(MOVE, make.r("f_id"), make.r("id"))
                .op(LOADK, make.r("f_status"), make.k(new dev.lumen.lir.format.Constant.EnumConst(2, 1)))
                .op(LOADK, make.r("sku"), make.kString("X-1")).op(LOADINT, make.r("qty"), 3)
                .word(Instruction.abx(NEWRECORD, make.r("line"), 0))
                .op(NEWLIST, make.r("f_lines"), 0).op(APPEND, make.r("f_lines"), make.r("f_lines"), make.r("line"))
                .op(LOADK, make.r("tk"), make.kString("region")).op(LOADK, make.r("tv"), make.kString("eu"))
                .op(NEWMAP, make.r("f_tags"), 0).op(SETINDEX, make.r("f_tags"), make.r("tk"), make.r("tv"))
                .op(LOADNULL, make.r("f_note"))
                .op(LOADK, make.r("amount"), make.kFloat(12.5)).op(OK, make.r("f_paid"), make.r("amount"))
                .word(Instruction.abx(NEWRECORD, make.r("r"), 1))
                .op(RETURN, make.r("r"));
        lir.cell(make);
        module = lir.eval(context);
    }

    static Cell identity(String name, LirType t) {
        Cell c = new Cell(name).param("x", t).returns(t);
        return c.op(RETURN, 0);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void recordsExposeTheirFieldsAsMembers() {
        Value inv = module.getMember("make").execute("INV-7");
        assertEquals(Set.of("id", "status", "lines", "tags", "note", "paid"), inv.getMemberKeys());
        assertEquals("INV-7", inv.getMember("id").asString());
        assertFalse(inv.hasMember("nope"));
        assertEquals("Invoice", inv.getMetaObject().getMetaSimpleName());
        assertTrue(inv.getMetaObject().isMetaInstance(inv));
        // enums: the variant name as a string, with the enum as meta object
        Value status = inv.getMember("status");
        assertTrue(status.isString());
        assertEquals("Open", status.asString());
        assertEquals("Status", status.getMetaObject().getMetaQualifiedName());
        // lists are arrays
        Value lines = inv.getMember("lines");
        assertTrue(lines.hasArrayElements());
        assertEquals(1, lines.getArraySize());
        assertEquals(3, lines.getArrayElement(0).getMember("qty").asInt());
        assertFalse(lines.getArrayElement(0).getMember("qty").fitsInInt() && lines.getArrayElement(0).getMember("qty").isString());
        // maps are hash entries
        Value tags = inv.getMember("tags");
        assertTrue(tags.hasHashEntries());
        assertEquals(1, tags.getHashSize());
        assertEquals("eu", tags.getHashValue("region").asString());
        assertTrue(tags.getHashValueOrDefault("nope", "default").asString().equals("default"));
        Value entries = tags.getHashEntriesIterator();
        Value entry = entries.getIteratorNextElement();
        assertEquals("region", entry.getArrayElement(0).asString());
        // null is interop null; results have one member, ok or err
        assertTrue(inv.getMember("note").isNull());
        assertEquals(12.5, inv.getMember("paid").getMember("ok").asDouble());
        // the display form
        assertEquals("Invoice {id: \"INV-7\", status: Status.Open, lines: [Line {sku: \"X-1\", qty: 3}], "
                + "tags: {\"region\": \"eu\"}, note: null, paid: ok(12.5)}", inv.toString());
    }

    @Test
    void hostValuesBecomeTypedLumenValues() {
        Map<String, Object> json = Map.of("id", "A", "status", "Paid",
                "lines", List.of(Map.of("sku", "s", "qty", 2)), "tags", Map.of("k", "v"),
                "paid", Map.of("err", "unpaid")); // note omitted: its type contains Null
        Value inv = module.getMember("invoice").execute(proxies(json));
        assertEquals("Paid", inv.getMember("status").asString());
        assertEquals(2, inv.getMember("lines").getArrayElement(0).getMember("qty").asInt());
        assertTrue(inv.getMember("note").isNull());
        assertEquals("unpaid", inv.getMember("paid").getMember("err").asString());
        // A Lumen value handed back is accepted as it is.
        Value again = module.getMember("invoice").execute(inv);
        assertEquals(inv.toString(), again.toString());
    }

    @SuppressWarnings("unchecked")
    static Object proxies(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.HashMap<>();
            m.forEach((k, x) -> out.put((String) k, proxies(x)));
            return ProxyObject.fromMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(proxies(x)));
            return ProxyArray.fromList(out);
        }
        return v;
    }

    @Test
    void floatsAcceptIntegralNumbersAndUnionsPickTheFittingMember() {
        assertEquals("[1, 2.5]", module.getMember("numbers").execute(ProxyArray.fromArray(1, 2.5)).toString());
        assertEquals(3L, module.getMember("either").execute(3).asLong());
        assertTrue(module.getMember("is_int").execute(3).asBoolean());
        assertTrue(module.getMember("is_int").execute(3L).asBoolean());
        assertFalse(module.getMember("is_int").execute(3.0).asBoolean());
        assertFalse(module.getMember("is_int").execute(2.5).asBoolean());
        assertEquals("x", module.getMember("either").execute("x").asString());
        assertTrue(module.getMember("either").execute((Object) null).isNull());
        assertEquals("{\"a\": Status.Paid}", module.getMember("statuses").execute(ProxyObject.fromMap(Map.of("a", "Paid"))).toString());
        assertEquals(4, module.getMember("outcome").execute(ProxyObject.fromMap(Map.of("ok", 4))).getMember("ok").asInt());
    }

    @Test
    void jsonArgumentsAreTrees() {
        Value tree = module.getMember("json").execute(proxies(Map.of("a", List.of(1, 2.5, "x", true))));
        assertTrue(tree.hasHashEntries());
        Value a = tree.getHashValue("a");
        assertEquals(4, a.getArraySize());
        assertTrue(a.getArrayElement(0).fitsInLong());
        assertEquals(2.5, a.getArrayElement(1).asDouble());
    }

    @Test
    void hostStringsAreUnicodeText() {
        // a lone surrogate reads as U+FFFD, as in JSON Lumen reads; a pair stays a pair
        assertEquals("a\uFFFDb\uD83D\uDE00", module.getMember("either").execute("a\uD800b\uD83D\uDE00").asString());
        Value tree = module.getMember("json").execute(proxies(Map.of("k\uDC00", List.of("\uD83D"))));
        assertEquals("\uFFFD", tree.getHashValue("k\uFFFD").getArrayElement(0).asString());
        PolyglotException e = assertThrows(PolyglotException.class, () -> module.getMember("statuses")
                .execute(ProxyObject.fromMap(Map.of("\uD800", "Paid", "\uD801", "Open"))));
        assertEquals("argument `x` of cell `statuses`: two keys read as \"\uFFFD\" once their lone surrogates are U+FFFD",
                e.getMessage());
    }

    @Test
    void jsonArgumentsHoldOnlyWhatJsonCan() {
        PolyglotException big = assertThrows(PolyglotException.class,
                () -> module.getMember("json").execute(ProxyArray.fromArray(java.math.BigInteger.TEN.pow(400))));
        assertEquals("argument `x` of cell `json`: at `x[0]`: a number too large for Json (at most 1.7976931348623157e+308"
                + " in magnitude)", big.getMessage());
        // a traced run records its arguments as one JSON object: an argument is one level short of JSON's 1000
        Object deep = "x";
        for (int i = 0; i < 999; i++) {
            deep = ProxyArray.fromArray(deep);
        }
        assertTrue(module.getMember("json").execute(deep).hasArrayElements());
        Object deeper = ProxyArray.fromArray(deep);
        PolyglotException e = assertThrows(PolyglotException.class, () -> module.getMember("json").execute(deeper));
        assertEquals("argument `x` of cell `json`: value nested more than 1000 levels deep", e.getMessage());
    }

    @Test
    void bytesAreBuffersAndBase64InJson() {
        Value b = module.getMember("bytes").execute(ByteBuffer.wrap(new byte[] {1, 2, (byte) 255}));
        assertTrue(b.hasBufferElements());
        assertEquals(3, b.getBufferSize());
        assertEquals((byte) 255, b.readBufferByte(2));
        assertFalse(b.isBufferWritable());
        assertEquals("\"AQL/\"", module.getMember("bytes_text").execute(b).asString());
        assertEquals("\"aGk=\"", module.getMember("bytes_text").execute("aGk=").asString());
    }

    @Test
    void illTypedArgumentsNameTheArgumentAndThePath() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> module.getMember("invoice")
                .execute(proxies(Map.of("id", "A", "status", "Closed", "lines", List.of(), "tags", Map.of(), "paid", Map.of("ok", 1)))));
        assertEquals("argument `x` of cell `invoice`: at `x.status`: expected Status (one of Paid, Open), found String \"Closed\"",
                e.getMessage());
        e = assertThrows(PolyglotException.class, () -> module.getMember("invoice")
                .execute(proxies(Map.of("id", "A", "status", "Paid", "lines", List.of(Map.of("sku", 1, "qty", 1)),
                        "tags", Map.of(), "paid", Map.of("ok", 1)))));
        assertEquals("argument `x` of cell `invoice`: at `x.lines[0].sku`: expected String, found number 1", e.getMessage());
        e = assertThrows(PolyglotException.class, () -> module.getMember("invoice")
                .execute(proxies(Map.of("id", "A", "status", "Paid", "lines", List.of(), "tags", Map.of(),
                        "paid", Map.of("ok", 1), "extra", 1))));
        assertEquals("argument `x` of cell `invoice`: unknown field `extra` for Invoice", e.getMessage());
        e = assertThrows(PolyglotException.class, () -> module.getMember("invoice").execute(proxies(Map.of("id", "A"))));
        assertEquals("argument `x` of cell `invoice`: missing field `status` of Invoice", e.getMessage());
        e = assertThrows(PolyglotException.class, () -> module.getMember("numbers").execute(ProxyArray.fromArray(1, "2")));
        assertEquals("argument `x` of cell `numbers`: at `x[1]`: expected Float, found String \"2\"", e.getMessage());
        e = assertThrows(PolyglotException.class, () -> module.getMember("outcome").execute(ProxyObject.fromMap(Map.of("ok", 1, "err", "x"))));
        assertTrue(e.getMessage().contains("with one member, \"ok\" or \"err\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> module.getMember("either").execute(1, 2));
    }

    @Test
    void theModuleListsItsRunnableCellsWithTheirSignatures() {
        assertTrue(module.hasMember("make"));
        assertFalse(module.hasMember("nope"));
        Value make = module.getMember("make");
        assertTrue(make.canExecute());
        assertEquals("make", make.getMember("name").asString());
        assertEquals("Invoice", make.getMember("returns").asString());
        Value params = make.getMember("parameters");
        assertEquals(1, params.getArraySize());
        assertEquals("id", params.getArrayElement(0).getHashValue("name").asString());
        assertEquals("String", params.getArrayElement(0).getHashValue("type").asString());
        assertEquals("cell either(x: Int | String | Null) -> Int | String | Null", module.getMember("either").toString());
    }

    @Test
    void syntheticCellsAreNotMembers() {
        Cell constraint = new Cell("$Invoice.id").param("id", STRING).returns(BOOL).reg("b", BOOL);
        constraint.op(LOADBOOL, constraint.r("b"), 1).op(RETURN, constraint.r("b"));
        Value m = new Lir().cell(identity("run", INT)).cell(constraint).eval(context);
        assertEquals(Set.of("run"), m.getMemberKeys());
    }
}
