package dev.lumen.lir.interpreter;

import static dev.lumen.lir.format.Opcode.*;
import static dev.lumen.lir.interpreter.Lir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

/** A host's calls of cells: executing a cell, invoking it on its module; the call path compiled. */
class HostCallTest {
    static final LirType POINT = nominal("Point");

    static Lir module() {
        Lir lir = new Lir().type(new TypeDef.RecordDef("Point", List.of(new TypeDef.FieldDef("x", INT, -1, null),
                new TypeDef.FieldDef("y", INT, -1, null))));
        Cell add = new Cell("add").param("a", INT).param("b", INT).returns(INT).reg("r", INT);
        lir.cell(add.op(ADD, add.r("r"), 0, 1).op(RETURN, add.r("r")));
        Cell scale = new Cell("scale").param("x", FLOAT).param("f", FLOAT).returns(FLOAT).reg("r", FLOAT);
        lir.cell(scale.op(MUL, scale.r("r"), 0, 1).op(RETURN, scale.r("r")));
        Cell not = new Cell("negate").param("b", BOOL).returns(BOOL).reg("r", BOOL);
        lir.cell(not.op(NOT, not.r("r"), 0).op(RETURN, not.r("r")));
        Cell px = new Cell("px").param("p", POINT).returns(INT).reg("r", INT);
        lir.cell(px.op(GETFIELD, px.r("r"), 0, 0).op(RETURN, px.r("r")));
        return lir;
    }

    @Test
    void argumentsAreConvertedInlineAndOnesThatDoNotFitByTheGeneralConversion() {
        try (Context ctx = Lir.context()) {
            Value m = module().eval(ctx);
            long before = LumenImport.generalArguments();
            assertEquals(3L, m.invokeMember("add", 1, 2).asLong());
            assertEquals(3L, m.invokeMember("add", 1L, 2L).asLong());
            assertEquals(3L, m.invokeMember("add", (short) 1, (byte) 2).asLong());
            assertEquals(5L, m.invokeMember("add", 2.0, 3).asLong()); // an integral double is an Int, as JSON reads
            assertEquals(Long.MAX_VALUE, m.invokeMember("add", Long.MAX_VALUE, 0).asLong());
            assertEquals(7.5, m.invokeMember("scale", 2.5, 3).asDouble());
            assertEquals(7.5, m.invokeMember("scale", 2.5, 3L).asDouble());
            assertEquals(7.5, m.invokeMember("scale", 2.5f, 3.0f).asDouble());
            assertTrue(m.invokeMember("negate", false).asBoolean());
            assertEquals(3L, m.invokeMember("px", Map.of("x", 3, "y", 4)).asLong());
            assertEquals(before, LumenImport.generalArguments(), "an argument that fits took the general conversion");

            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("add", "1", 2));
            assertEquals("argument `a` of cell `add`: expected Int, found String \"1\"", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("add", 1, 2.5));
            assertEquals("argument `b` of cell `add`: expected Int, found number 2.5", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("negate", 1));
            assertEquals("argument `b` of cell `negate`: expected Bool, found number 1", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.getMember("scale").execute(true, 1));
            assertEquals("argument `x` of cell `scale`: expected Float, found Bool true", e.getMessage());
            assertEquals(before + 4, LumenImport.generalArguments());
        }
    }

    /** An order as a Java application holds it: Lumen reads its fields through the records' accessors. */
    public record Order(String name, List<Line> lines) {
    }

    public record Line(long qty, double price) {
    }

    /** Order = {name: String, lines: list[Line]}, Line = {qty: Int, price: Float}; second(o) = o.lines[1].qty. */
    static Lir orders() {
        Lir lir = new Lir().type(new TypeDef.RecordDef("Line", List.of(new TypeDef.FieldDef("qty", INT, -1, null),
                new TypeDef.FieldDef("price", FLOAT, -1, null))));
        lir.type(new TypeDef.RecordDef("Order", List.of(new TypeDef.FieldDef("name", STRING, -1, null),
                new TypeDef.FieldDef("lines", list(nominal("Line")), -1, null))));
        Cell second = new Cell("second").param("o", nominal("Order")).returns(INT)
                .reg("lines", list(nominal("Line"))).reg("i", INT).reg("line", nominal("Line")).reg("r", INT);
        lir.cell(second.op(GETFIELD, second.r("lines"), 0, 1).op(LOADINT, second.r("i"), 1)
                .op(GETINDEX, second.r("line"), second.r("lines"), second.r("i"))
                .op(GETFIELD, second.r("r"), second.r("line"), 0).op(RETURN, second.r("r")));
        return lir;
    }

    static Map<String, Object> orderMap(Object secondQty) {
        return Map.of("name", "o", "lines", List.of(Map.of("qty", 1, "price", 0.5), Map.of("qty", secondQty, "price", 2)));
    }

    @Test
    void aRecordArgumentIsConvertedInTheCompiledCallSiteAndOneThatDoesNotFitFailsAsBefore() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context ctx = Lir.compilingContext(log)) {
            Value m = module().eval(ctx);
            Value orders = orders().eval(ctx);
            long before = LumenImport.generalArguments();
            long sum = 0;
            for (int i = 0; i < 2_000; i++) {
                sum += orders.invokeMember("second", new Order("o", List.of(new Line(1, 0.5), new Line(i, 2.5)))).asLong();
                sum += orders.invokeMember("second", orderMap(i)).asLong();
                sum += orders.invokeMember("second", ProxyObject.fromMap(Map.of("name", "o", "lines",
                        List.of(new Line(1, 0.5), ProxyObject.fromMap(Map.of("qty", i, "price", 1.5)))))).asLong();
            }
            assertEquals(3 * (1_999L * 2_000 / 2), sum);
            assertEquals(before, LumenImport.generalArguments(), "a record that fits took the general conversion");

            // compiled, the call site still words an argument that does not fit as the general conversion does
            PolyglotException e = assertThrows(PolyglotException.class, () -> orders.invokeMember("second", orderMap("2")));
            assertEquals("argument `o` of cell `second`: at `o.lines[1].qty`: expected Int, found String \"2\"", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> orders.invokeMember("second", Map.of("name", "o", "lines",
                    List.of(Map.of("qty", 1, "price", 0.5, "note", "x")))));
            assertEquals("argument `o` of cell `second`: at `o.lines[0]`: unknown field `note` for Line", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> orders.invokeMember("second", Map.of("name", "o")));
            assertEquals("argument `o` of cell `second`: missing field `lines` of Order", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> orders.invokeMember("second", ProxyObject.fromMap(Map.of(
                    "name", "o", "lines", List.of(), "extra", true))));
            assertEquals("argument `o` of cell `second`: unknown field `extra` for Order", e.getMessage());
            assertEquals(before + 4, LumenImport.generalArguments());
            assertEquals(7L, orders.invokeMember("second", orderMap(7)).asLong());
            assertEquals(3L, m.invokeMember("px", new Point(3, 4)).asLong());
        }
        String trace = log.toString(StandardCharsets.UTF_8);
        assertFalse(trace.contains("opt failed"), trace);
        String invoke = compiled(trace, "Value<LumenModuleObject>.invoke");
        assertTrue(invoke != null && inlined(invoke) >= 1, "the host's call site was not compiled:\n" + trace);
    }

    public record Point(long x, long y) {
    }

    /** {"kids": [{"kids": [… {"kids": [], "n": 0} …], "n": 1}], "n": depth}: a tree {@code depth} levels deep. */
    static Map<String, Object> tree(int depth, Map<String, Object> leaf) {
        return depth == 0 ? leaf : Map.of("kids", List.of(tree(depth - 1, leaf)), "n", depth);
    }

    @Test
    void aRecursiveRecordDeeperThanTheNodesIsConvertedAndCheckedAllTheWayDown() {
        Lir lir = new Lir().type(new TypeDef.RecordDef("Tree", List.of(
                new TypeDef.FieldDef("kids", list(nominal("Tree")), -1, null), new TypeDef.FieldDef("n", INT, -1, null))));
        Cell same = new Cell("same").param("t", nominal("Tree")).returns(nominal("Tree"));
        lir.cell(same.op(RETURN, 0));
        int depth = 2 * LumenValueNode.MAX_NODE_DEPTH;
        try (Context ctx = Lir.compilingContext()) {
            Value m = lir.eval(ctx);
            for (int i = 0; i < 3; i++) { // the nodes are built by the first call, used by the next ones
                Value t = m.invokeMember("same", tree(depth, Map.of("kids", List.of(), "n", 0)));
                for (int d = depth; d > 0; d--) {
                    assertEquals(d, t.getMember("n").asLong());
                    t = t.getMember("kids").getArrayElement(0);
                }
                assertEquals(0, t.getMember("kids").getArraySize());
            }
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> m.invokeMember("same", tree(depth, Map.of("kids", List.of(), "n", 0, "x", 1))));
            assertEquals("argument `t` of cell `same`: at `t" + ".kids[0]".repeat(depth) + "`: unknown field `x` for Tree",
                    e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("same", tree(depth, Map.of("kids", List.of(), "n", "0"))));
            assertEquals("argument `t` of cell `same`: at `t" + ".kids[0]".repeat(depth) + ".n`: expected Int, found String \"0\"",
                    e.getMessage());
        }
    }

    /**
     * The last "opt done" line of a call target whose name contains {@code name}, or null: compiled on its first
     * call, a call target is compiled again once its nodes have specialized.
     */
    static String compiled(String trace, String name) {
        String last = null;
        for (String line : trace.split("\n")) {
            if (line.contains("opt done") && line.contains(name)) {
                last = line;
            }
        }
        return last;
    }

    /** How many calls the compilation of {@code line} inlined ("|Inlined   1Y   0N|"). */
    static int inlined(String line) {
        Matcher m = Pattern.compile("Inlined\\s+(\\d+)Y").matcher(line);
        assertTrue(m.find(), line);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aHotCellInvokedOnItsModuleCompilesIntoTheHostsCallSite() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Context ctx = Lir.compilingContext(log)) {
            Value m = module().eval(ctx);
            Value add = m.getMember("add");
            long sum = 0;
            for (int i = 0; i < 2_000; i++) {
                sum += m.invokeMember("add", i, 1).asLong() + add.execute(i, 2).asLong();
                sum += m.invokeMember("px", Map.of("x", i, "y", 0)).asLong();
            }
            assertEquals(2 * (1_999L * 2_000 / 2) + 3 * 2_000L + 1_999L * 2_000 / 2, sum);
        }
        String trace = log.toString(StandardCharsets.UTF_8);
        assertFalse(trace.contains("opt failed"), trace);
        String invoke = compiled(trace, "Value<LumenModuleObject>.invoke");
        String execute = compiled(trace, "Value<LumenCellObject>.execute");
        assertTrue(invoke != null && execute != null, "the host's call sites were not compiled:\n" + trace);
        // the cell is called directly, so the compiler inlines it into the host's call site
        assertTrue(inlined(invoke) >= 1, invoke);
        assertTrue(inlined(execute) >= 1, execute);
    }
}
