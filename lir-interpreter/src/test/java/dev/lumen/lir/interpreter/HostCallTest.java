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
    void primitiveArgumentsAreConvertedInlineAndOthersByTheGeneralConversion() {
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
            assertEquals(before, LumenImport.generalArguments(), "a primitive argument took the general conversion");

            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("add", "1", 2));
            assertEquals("argument `a` of cell `add`: expected Int, found String \"1\"", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("add", 1, 2.5));
            assertEquals("argument `b` of cell `add`: expected Int, found number 2.5", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("negate", 1));
            assertEquals("argument `b` of cell `negate`: expected Bool, found number 1", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.getMember("scale").execute(true, 1));
            assertEquals("argument `x` of cell `scale`: expected Float, found Bool true", e.getMessage());
            assertEquals(3L, m.invokeMember("px", Map.of("x", 3, "y", 4)).asLong());
            assertEquals(before + 5, LumenImport.generalArguments());
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
