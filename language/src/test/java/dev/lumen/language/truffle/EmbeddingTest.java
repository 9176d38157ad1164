package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;

/** Lumen embedded in a Java application through the polyglot API: modules, bindings, values in and out, errors. */
class EmbeddingTest {
    static final String SHAPES = """
            # Shapes

            ```lumen
            enum Status
              Paid
              Open
            end

            record Point
              x: Int
              y: Int
            end

            record Segment
              from: Point
              to: Point
              label: String | Null
            end

            record Invoice
              id: String
              total: Float
              status: Status
              tags: list[String]
              paid: Bool
            end

            cell add(a: Int, b: Int) -> Int
              return a + b
            end

            cell norm(p: Point) -> Int
              return p.x * p.x + p.y * p.y
            end

            cell span(s: Segment) -> Int
              return abs(s.to.x - s.from.x) + abs(s.to.y - s.from.y)
            end

            cell sum(xs: list[Int]) -> Int
              let mut total = 0
              for x in xs
                total = total + x
              end
              return total
            end

            cell norms(ps: list[Point]) -> Int
              let mut total = 0
              for p in ps
                total = total + norm(p)
              end
              return total
            end

            cell describe(inv: Invoice) -> String
              return "{inv.id}: {inv.total} {to_string(inv.status)} {to_string(inv.tags)} {inv.paid}"
            end

            cell make(id: String) -> Invoice
              return Invoice { id: id, total: 12.5, status: Status.Open, tags: ["a", "b"], paid: false }
            end

            cell nothing() -> Null
              return null
            end

            cell parse(text: String) -> Point
              return text expect schema Point
            end
            ```
            """;

    static Context context() {
        return Context.newBuilder(LumenLanguage.ID).allowHostAccess(HostAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").build();
    }

    static Value eval(Context ctx, String name, String text) {
        return ctx.eval(Source.newBuilder(LumenLanguage.ID, text, name).buildLiteral());
    }

    // ------------------------------------------------------------------------------------ the module object

    @Test
    void theModuleIsAnObjectWhoseCellsAreInvocableMembers() {
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            assertEquals(Set.of("add", "norm", "span", "sum", "norms", "describe", "make", "nothing", "parse"),
                    m.getMemberKeys());
            assertTrue(m.hasMember("add"));
            assertFalse(m.hasMember("Point"));
            assertTrue(m.canInvokeMember("add"));
            assertFalse(m.canInvokeMember("nope"));
            assertEquals(5, m.invokeMember("add", 2, 3).asInt());
            assertEquals(5, m.getMember("add").execute(2, 3).asInt());
            assertThrows(UnsupportedOperationException.class, () -> m.invokeMember("nope", 1));
            IllegalArgumentException arity = assertThrows(IllegalArgumentException.class, () -> m.invokeMember("add", 1));
            assertTrue(arity.getMessage().contains("Expected 2 argument(s) but got 1"), arity.getMessage());
        }
    }

    @Test
    void manyCallSitesAndManyCellsGiveTheSameResults() {
        // more cells through one call site than it caches: the looked-up path must agree with the cached one
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            Value other = eval(ctx, "other.lm.md", "```lumen\ncell add(a: Int, b: Int) -> Int\n  return a - b\nend\n```\n");
            for (int i = 0; i < 20; i++) {
                assertEquals(i + 1, m.invokeMember("add", i, 1).asInt());
                assertEquals(i - 1, other.invokeMember("add", i, 1).asInt());
                assertEquals(i, m.invokeMember("sum", ProxyArray.fromArray(i)).asInt());
                assertEquals(i * i, m.invokeMember("norm", Map.of("x", i, "y", 0)).asInt());
            }
        }
    }

    @Test
    void theBindingsShowTheCellsOfTheEvaluatedDocuments() {
        try (Context ctx = context()) {
            Value bindings = ctx.getBindings(LumenLanguage.ID);
            assertEquals(Set.of(), bindings.getMemberKeys());
            eval(ctx, "shapes.lm.md", SHAPES);
            assertTrue(bindings.hasMember("add"));
            assertEquals(42, bindings.invokeMember("add", 40, 2).asInt());
            assertEquals(7, bindings.getMember("add").execute(3, 4).asInt());
            eval(ctx, "other.lm.md", "```lumen\ncell add(a: Int, b: Int) -> Int\n  return a - b\nend\n\ncell two() -> Int\n  return 2\nend\n```\n");
            assertTrue(bindings.getMemberKeys().containsAll(Set.of("add", "norm", "two")));
            assertEquals(38, bindings.invokeMember("add", 40, 2).asInt(), "the later document wins the name");
            assertEquals(2, bindings.invokeMember("two").asInt());
            assertTrue(bindings.toString().contains("two"));
        }
    }

    // ------------------------------------------------------------------------------------ host values in

    public record JavaPoint(long x, long y) {
    }

    public record JavaSegment(JavaPoint from, JavaPoint to, String label) {
    }

    public record Mistyped(String x, long y) {
    }

    public record TooMany(long x, long y, long z) {
    }

    /** A JavaBean: private fields, getters (an {@code is} getter for the Bool). */
    public static final class Bean {
        private final String id;
        private final double total;

        Bean(String id, double total) {
            this.id = id;
            this.total = total;
        }

        public String getId() {
            return id;
        }

        public double getTotal() {
            return total;
        }

        public String getStatus() {
            return "Paid";
        }

        public List<String> getTags() {
            return List.of("x");
        }

        public boolean isPaid() {
            return true;
        }
    }

    /** Public fields. */
    public static final class Fields {
        public final int x = 3;
        public final int y = 4;
    }

    @Test
    void javaRecordsPassInAsRecords() {
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            assertEquals(25, m.invokeMember("norm", new JavaPoint(3, 4)).asInt());
            assertEquals(7, m.invokeMember("span", new JavaSegment(new JavaPoint(0, 0), new JavaPoint(3, 4), null)).asInt());
            assertEquals(7, m.invokeMember("span", new JavaSegment(new JavaPoint(0, 0), new JavaPoint(3, 4), "a")).asInt());
            assertEquals(30, m.invokeMember("norms", List.of(new JavaPoint(1, 2), new JavaPoint(3, 4))).asInt());
            assertEquals(30, m.invokeMember("norms", (Object) new JavaPoint[] {new JavaPoint(1, 2), new JavaPoint(3, 4)}).asInt());
        }
    }

    @Test
    void pojosMapsListsArraysAndProxiesPassIn() {
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            assertEquals("B-1: 2.5 Paid [\"x\"] true", m.invokeMember("describe", new Bean("B-1", 2.5)).asString());
            assertEquals(25, m.invokeMember("norm", new Fields()).asInt());
            assertEquals(25, m.invokeMember("norm", Map.of("x", 3, "y", 4)).asInt());
            assertEquals(25, m.invokeMember("norm", ProxyObject.fromMap(Map.of("x", 3, "y", 4))).asInt());
            assertEquals(6, m.invokeMember("sum", List.of(1, 2, 3)).asInt());
            assertEquals(6, m.invokeMember("sum", (Object) new int[] {1, 2, 3}).asInt());
            assertEquals(6, m.invokeMember("sum", (Object) new long[] {1, 2, 3}).asInt());
            assertEquals(6, m.invokeMember("sum", ProxyArray.fromArray(1, 2, 3)).asInt());
            assertEquals(5, m.invokeMember("norms", ProxyArray.fromList(List.of(Map.of("x", 1, "y", 2)))).asInt());
        }
    }

    @Test
    void aWrongShapeNamesTheFieldAndTheExpectedType() {
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("norm", new Mistyped("3", 4)));
            assertEquals("argument `p` of cell `norm`: at `p.x`: expected Int, found String \"3\"", e.getMessage());
            assertTrue(e.isGuestException());
            assertEquals("argument", e.getGuestObject().getMember("kind").asString());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("span",
                    new JavaSegment(new JavaPoint(0, 0), null, null)));
            assertEquals("argument `s` of cell `span`: at `s.to`: expected Point, found null", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("norm", Map.of("x", 1)));
            assertEquals("argument `p` of cell `norm`: missing field `y` of Point", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("norms", List.of(new JavaPoint(1, 2), "p")));
            assertEquals("argument `ps` of cell `norms`: at `ps[1]`: expected Point, found String \"p\"", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("add", "1", 2));
            assertEquals("argument `a` of cell `add`: expected Int, found String \"1\"", e.getMessage());
            e = assertThrows(PolyglotException.class, () -> m.invokeMember("add", 1.5, 2));
            assertEquals("argument `a` of cell `add`: expected Int, found number 1.5", e.getMessage());
        }
    }

    @Test
    void aJavaRecordTheContextCannotSeeSaysWhy() {
        // Without host access to its methods, a Java record shows no fields: the error says what to allow.
        try (Context ctx = Context.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false").build()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("norm", new JavaPoint(3, 4)));
            assertTrue(e.getMessage().startsWith("argument `p` of cell `norm`: missing field `x` of Point (the value shows"
                    + " no fields: a Java object's are visible when the context's host access allows them"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------ Lumen values out

    @Test
    void lumenValuesComeBackAsPolyglotValues() {
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            Value inv = m.invokeMember("make", "INV-1");
            assertTrue(inv.hasMembers());
            assertEquals("INV-1", inv.getMember("id").asString());
            assertEquals(12.5, inv.getMember("total").asDouble());
            assertEquals("Open", inv.getMember("status").asString());
            assertEquals("Status", inv.getMember("status").getMetaObject().getMetaSimpleName());
            assertTrue(inv.getMember("tags").hasArrayElements());
            assertEquals(List.of("a", "b"), inv.getMember("tags").as(List.class));
            assertFalse(inv.getMember("paid").asBoolean());
            Map<?, ?> map = inv.as(Map.class);
            assertEquals(Set.of("id", "total", "status", "tags", "paid"), map.keySet());
            assertEquals("INV-1", map.get("id"));
            assertEquals("Open", map.get("status"));
            assertEquals(List.of("a", "b"), map.get("tags"));
            assertEquals(12.5, map.get("total"));
            assertTrue(m.invokeMember("nothing").isNull());
            assertNull(m.invokeMember("nothing").as(Object.class));
            // a record handed back in is taken as it is
            assertEquals("INV-1: 12.5 Open [\"a\",\"b\"] false", m.invokeMember("describe", inv).asString());
        }
    }

    // ------------------------------------------------------------------------------------ errors

    @Test
    void aValidationErrorComesBackWithItsFieldErrorsAndWhereInTheMarkdown() {
        try (Context ctx = context()) {
            Value m = eval(ctx, "shapes.lm.md", SHAPES);
            assertEquals(2, m.invokeMember("parse", "{\"x\": 2, \"y\": 3}").getMember("y").asInt() - 1);
            PolyglotException e = assertThrows(PolyglotException.class, () -> m.invokeMember("parse", "{\"x\": \"two\"}"));
            assertTrue(e.isGuestException());
            Value guest = e.getGuestObject();
            assertEquals("halt", guest.getMember("kind").asString());
            Value errors = guest.getMember("errors");
            assertTrue(errors.hasArrayElements());
            assertEquals(2, errors.getArraySize(), errors.toString());
            Value first = errors.getArrayElement(0);
            assertEquals("x", first.getMember("path").asString());
            assertEquals("type", first.getMember("constraint").asString());
            assertEquals("Int", first.getMember("expected").asString());
            assertEquals("\"two\"", first.getMember("actual").asString());
            assertFalse(first.getMember("message").asString().isEmpty());
            assertEquals("y", errors.getArrayElement(1).getMember("path").asString());
            int line = LumenLanguageTest.lineOf(SHAPES, "return text expect schema Point");
            assertEquals(line, e.getSourceLocation().getStartLine());
            assertEquals("shapes.lm.md", e.getSourceLocation().getSource().getName());
            assertEquals(line, guest.getMember("line").asInt());
            assertTrue(e.getMessage().contains("Point"), e.getMessage());
            // other errors have no field errors
            PolyglotException overflow = assertThrows(PolyglotException.class,
                    () -> m.invokeMember("add", Long.MAX_VALUE, 1));
            assertEquals(0, overflow.getGuestObject().getMember("errors").getArraySize());
            assertEquals(LumenLanguageTest.lineOf(SHAPES, "return a + b"), overflow.getSourceLocation().getStartLine());
        }
    }
}
