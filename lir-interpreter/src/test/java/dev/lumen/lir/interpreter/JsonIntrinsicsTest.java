package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code diff}, {@code patch} and {@code redact} on typed values (lumen-v1.md §11.1, §11.2). */
class JsonIntrinsicsTest {
    static Context context;

    static final LirType ITEM = nominal("Item");
    static final LirType ACCOUNT = nominal("Account");
    static final LirType ROLE = nominal("Role");
    static final LirType PATCHES = list(nominal("Patch"));

    @BeforeAll
    static void open() {
        context = Lir.context();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    static Lir types() {
        return new Lir()
                .type(new TypeDef.RecordDef("Item", List.of(field("sku", STRING), field("qty", INT), field("price", FLOAT))))
                .type(new TypeDef.EnumDef("Role", List.of("Admin", "Guest")))
                .type(new TypeDef.RecordDef("Account", List.of(field("user", STRING), field("password", STRING),
                        field("pin", union(INT, NULL)), field("role", ROLE), field("avatar", union(BYTES, NULL)),
                        field("photo", BYTES), field("meta", JSON), field("headers", map(STRING)),
                        field("items", list(ITEM)))));
    }

    static TypeDef.FieldDef field(String name, LirType type) {
        return new TypeDef.FieldDef(name, type, -1, null);
    }

    /** Calls intrinsic {@code in} on two arguments of static types {@code a} and {@code b}, the result typed {@code result}. */
    static Value call(Intrinsic in, LirType result, LirType a, LirType b, Object x, Object y) {
        Cell c = new Cell("run").returns(result).param("a", a).param("b", b);
        c.reg("r", result).op(INTRINSIC, c.r("r"), in.id(), 0).op(RETURN, c.r("r"));
        return types().cell(c).eval(context).getMember("run").execute(x, y);
    }

    /** {@code patch(a, diff(a, b)) == b} for a and b of type {@code t}, in Lumen. */
    static boolean roundTrips(LirType t, Object a, Object b) {
        Cell c = new Cell("run").returns(BOOL).param("a", t).param("b", t)
                .reg("d", PATCHES).reg("v", t).reg("p", PATCHES).reg("r", t).reg("eq", BOOL);
        c.op(INTRINSIC, c.r("d"), Intrinsic.DIFF.id(), c.r("a"))
                .op(MOVE, c.r("v"), c.r("a")).op(MOVE, c.r("p"), c.r("d"))
                .op(INTRINSIC, c.r("r"), Intrinsic.PATCH.id(), c.r("v"))
                .op(EQ, c.r("eq"), c.r("r"), c.r("b")).op(RETURN, c.r("eq"));
        return types().cell(c).eval(context).getMember("run").execute(a, b).asBoolean();
    }

    static Map<String, Object> item(String sku, int qty, double price) {
        return Map.of("sku", sku, "qty", qty, "price", price);
    }

    static Map<String, Object> patch(String op, String path, Object value) {
        java.util.HashMap<String, Object> p = new java.util.HashMap<>();
        p.put("op", op);
        p.put("path", path);
        p.put("value", value);
        return p;
    }

    static Map<String, Object> account(String password, Object pin) {
        java.util.HashMap<String, Object> a = new java.util.HashMap<>();
        a.put("user", "ada");
        a.put("password", password);
        a.put("pin", pin);
        a.put("role", "Admin");
        a.put("avatar", pin == null ? null : "aGk=");
        a.put("photo", "aGk=");
        a.put("meta", Map.of("token", "t", "nested", List.of(Map.of("token", 1, "other", "x"))));
        a.put("headers", Map.of("authorization", "Bearer abc", "accept", "*/*"));
        a.put("items", List.of(item("A", 1, 2.5)));
        return a;
    }

    // ---- diff ----

    @Test
    void diffGivesPatchRecordsWithPointersIntoTheJsonForm() {
        Value d = call(Intrinsic.DIFF, PATCHES, list(ITEM), list(ITEM),
                List.of(item("A", 1, 2.5), item("B", 1, 1.0)), List.of(item("A", 2, 2.5), item("B", 1, 1.0), item("C", 5, 0.5)));
        assertEquals(2, d.getArraySize());
        assertEquals("replace", d.getArrayElement(0).getMember("op").asString());
        assertEquals("/0/qty", d.getArrayElement(0).getMember("path").asString());
        assertEquals(2, d.getArrayElement(0).getMember("value").asInt());
        assertEquals("add", d.getArrayElement(1).getMember("op").asString());
        assertEquals("/2", d.getArrayElement(1).getMember("path").asString());
        assertEquals("C", d.getArrayElement(1).getMember("value").getHashValue("sku").asString());
    }

    @Test
    void diffOfEqualValuesIsEmptyAndRemovesCarryNull() {
        assertEquals(0, call(Intrinsic.DIFF, PATCHES, map(INT), map(INT), Map.of("a", 1), Map.of("a", 1)).getArraySize());
        Value d = call(Intrinsic.DIFF, PATCHES, map(INT), map(INT), Map.of("a", 1, "b", 2), Map.of("a", 1));
        assertEquals("remove", d.getArrayElement(0).getMember("op").asString());
        assertEquals("/b", d.getArrayElement(0).getMember("path").asString());
        assertTrue(d.getArrayElement(0).getMember("value").isNull());
    }

    @Test
    void patchOfTheDiffGivesTheSecondValueForEveryKindOfType() {
        assertTrue(roundTrips(list(ITEM), List.of(item("A", 1, 2.5), item("B", 1, 1.0)), List.of(item("B", 3, 1.0))));
        assertTrue(roundTrips(map(list(INT)), Map.of("a", List.of(1, 2), "b", List.of()), Map.of("a", List.of(2), "c", List.of(3))));
        assertTrue(roundTrips(ROLE, "Admin", "Guest"));
        assertTrue(roundTrips(result(INT, STRING), Map.of("ok", 1), Map.of("err", "no")));
        assertTrue(roundTrips(union(ITEM, NULL), null, item("A", 1, 2.0)));
        assertTrue(roundTrips(union(ITEM, NULL), item("A", 1, 2.0), null));
        assertTrue(roundTrips(FLOAT, 2.0, 3.0));
        assertTrue(roundTrips(JSON, Map.of("a", List.of(1, "x")), List.of(Map.of("a", 1.5))));
        assertTrue(roundTrips(ACCOUNT, account("p1", 1), account("p2", null)));
    }

    // ---- patch ----

    @Test
    void patchAppliesInOrderAndReadsTheResultAsTheType() {
        Value v = call(Intrinsic.PATCH, list(ITEM), list(ITEM), PATCHES, List.of(item("A", 1, 2.5)), List.of(
                patch("add", "/-", item("B", 2, 3)), patch("test", "/1/price", 3.0), patch("replace", "/0/qty", 7)));
        assertEquals(2, v.getArraySize());
        assertEquals(7, v.getArrayElement(0).getMember("qty").asInt());
        assertEquals(3.0, v.getArrayElement(1).getMember("price").asDouble()); // an integer in the JSON, a Float in the Item
        assertTrue(v.getArrayElement(1).getMember("price").fitsInDouble());
    }

    @Test
    void removingAnOptionalFieldMakesItNull() {
        Value v = call(Intrinsic.PATCH, union(ITEM, NULL), union(ITEM, NULL), PATCHES, item("A", 1, 2.5),
                List.of(patch("replace", "", null)));
        assertTrue(v.isNull());
    }

    @Test
    void aResultThatIsNotOfTheTypeSaysWhere() {
        assertEquals("patch: the patched value is not a valid Item: missing field `qty` of Item",
                failure(Intrinsic.PATCH, ITEM, ITEM, PATCHES, item("A", 1, 2.5), List.of(patch("remove", "/qty", null))));
        assertEquals("patch: the patched value is not a valid Role: expected Role (one of Admin, Guest), found String \"Root\"",
                failure(Intrinsic.PATCH, ROLE, ROLE, PATCHES, "Admin", List.of(patch("replace", "", "Root"))));
    }

    // ---- redact ----

    @Test
    void redactReplacesNamedFieldsAtAnyDepthKeepingTheType() {
        Value r = call(Intrinsic.REDACT, ACCOUNT, ACCOUNT, list(STRING), account("s3cret", 1234),
                List.of("password", "pin", "token", "authorization", "avatar", "photo", "sku"));
        assertEquals("[redacted]", r.getMember("password").asString());
        assertTrue(r.getMember("pin").isNull());
        assertTrue(r.getMember("avatar").hasBufferElements());
        assertEquals("[redacted]", new String(bytes(r.getMember("avatar")), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("[redacted]", new String(bytes(r.getMember("photo")), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("[redacted]", r.getMember("headers").getHashValue("authorization").asString());
        assertEquals("*/*", r.getMember("headers").getHashValue("accept").asString());
        assertEquals("[redacted]", r.getMember("meta").getHashValue("token").asString());
        Value nested = r.getMember("meta").getHashValue("nested").getArrayElement(0);
        assertEquals("[redacted]", nested.getHashValue("token").asString()); // in Json, any value so named
        assertEquals("x", nested.getHashValue("other").asString());
        assertEquals("[redacted]", r.getMember("items").getArrayElement(0).getMember("sku").asString());
        assertEquals("ada", r.getMember("user").asString());
        assertEquals("Admin", r.getMember("role").asString());
    }

    @Test
    void aRedactedFieldHidesEvenThatItWasNullAndNoNamesChangeNothing() {
        Value r = call(Intrinsic.REDACT, list(ACCOUNT), list(ACCOUNT), list(STRING), List.of(account("s3cret", null)),
                List.of("pin", "avatar", "meta")).getArrayElement(0);
        assertTrue(r.getMember("pin").isNull());
        assertEquals("[redacted]", new String(bytes(r.getMember("avatar")), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("[redacted]", r.getMember("meta").asString());
        assertEquals("s3cret", call(Intrinsic.REDACT, ACCOUNT, ACCOUNT, list(STRING), account("s3cret", null), List.of())
                .getMember("password").asString());
    }

    @Test
    void aFieldWhoseTypeHasNoRedactedFormIsAnError() {
        assertEquals("redact: cannot redact `qty` at \"/items/0/qty\": its type Int has no redacted form (a redacted field's "
                        + "type must admit String, Bytes, Json or Null)",
                failure(Intrinsic.REDACT, ACCOUNT, ACCOUNT, list(STRING), account("s3cret", 1), List.of("qty")));
        assertEquals("redact: cannot redact `role` at \"/role\": its type Role has no redacted form (a redacted field's "
                        + "type must admit String, Bytes, Json or Null)",
                failure(Intrinsic.REDACT, ACCOUNT, ACCOUNT, list(STRING), account("s3cret", 1), List.of("role")));
    }

    static String failure(Intrinsic in, LirType result, LirType a, LirType b, Object x, Object y) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> call(in, result, a, b, x, y));
        assertEquals("runtime", e.getGuestObject().getMember("kind").asString());
        return e.getMessage();
    }

    static byte[] bytes(Value buffer) {
        byte[] out = new byte[(int) buffer.getBufferSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.readBufferByte(i);
        }
        return out;
    }
}
