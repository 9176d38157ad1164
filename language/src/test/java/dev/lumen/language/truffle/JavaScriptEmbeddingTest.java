package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** Lumen and JavaScript (GraalJS) in one context: JS calls cells as methods and passes its objects and arrays. */
class JavaScriptEmbeddingTest {

    /** A context whose JS global {@code m} is the shapes document, evaluated by JS itself. */
    static Context context() {
        Context ctx = Context.newBuilder(LumenLanguage.ID, "js").allowPolyglotAccess(PolyglotAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").build();
        ctx.getBindings("js").putMember("source", EmbeddingTest.SHAPES);
        ctx.eval("js", "var m = Polyglot.eval('lumen', source);");
        return ctx;
    }

    static Value js(Context ctx, String script) {
        return ctx.eval(Source.create("js", script));
    }

    @Test
    void javaScriptCallsCellsAsMethods() {
        try (Context ctx = context()) {
            assertEquals(42, js(ctx, "m.add(40, 2)").asInt());
            assertEquals(42, js(ctx, "const add = m.add; add(40, 2)").asInt());
            assertEquals("function", js(ctx, "typeof m.add").asString());
            assertEquals("add,norm,span,sum,norms,describe,make,nothing,parse", js(ctx, "Object.keys(m).join()").asString());
            assertEquals(4_999_950_000L, js(ctx, "let s = 0; for (let i = 0; i < 100000; i++) { s = s + m.add(i, 0); } s")
                    .asLong());
        }
    }

    @Test
    void javaScriptObjectsAndArraysPassInAsRecordsAndLists() {
        try (Context ctx = context()) {
            assertEquals(25, js(ctx, "m.norm({x: 3, y: 4})").asInt());
            assertEquals(7, js(ctx, "m.span({from: {x: 0, y: 0}, to: {x: 3, y: 4}})").asInt());
            assertEquals(7, js(ctx, "m.span({from: {x: 0, y: 0}, to: {x: 3, y: 4}, label: null})").asInt());
            assertEquals(7, js(ctx, "m.span({from: {x: 0, y: 0}, to: {x: 3, y: 4}, label: undefined})").asInt());
            assertEquals(6, js(ctx, "m.sum([1, 2, 3])").asInt());
            assertEquals(30, js(ctx, "m.norms([{x: 1, y: 2}, {x: 3, y: 4}])").asInt());
            assertEquals("J: 2.5 Paid [\"t\"] true",
                    js(ctx, "m.describe({id: 'J', total: 2.5, status: 'Paid', tags: ['t'], paid: true})").asString());
            // a class instance: its fields are members; its methods are not fields
            assertEquals(25, js(ctx, "class P { constructor() { this.x = 3; this.y = 4; } len() { return 5; } }\n"
                    + "m.norm(new P())").asInt());
        }
    }

    @Test
    void aHotJavaScriptLoopPassesObjectsAndStringsItBuiltAndStillGetsTheArgumentErrors() {
        try (Context ctx = context()) {
            // strings JavaScript built (concatenations), objects of two shapes, a class instance, at one call site
            assertEquals("J19999: 2.5 Open [\"t19999\",\"u\"] false 20000", js(ctx, """
                    function call(i) {
                      const inv = i % 2 == 0 ? {id: 'J' + i, total: 2.5, status: 'Paid', tags: ['t' + i], paid: true}
                          : {paid: false, tags: ['t' + i, 'u'], status: 'Open', total: 2.5, id: 'J' + i};
                      return m.describe(inv);
                    }
                    class P { constructor(i) { this.x = i; this.y = 1; } len() { return 5; } }
                    let last, n = 0;
                    for (let i = 0; i < 20000; i++) { last = call(i); n += m.span({from: new P(0), to: new P(1), label: 'l' + i}); }
                    last + ' ' + n
                    """).asString());
            assertEquals("argument `inv` of cell `describe`: unknown field `extra` for Invoice", js(ctx, """
                    try { m.describe({id: 'J', total: 2.5, status: 'Paid', tags: [], paid: true, extra: 1}); 'no error' }
                    catch (e) { e.message }
                    """).asString());
            assertEquals("argument `inv` of cell `describe`: at `inv.status`: expected Status (one of Paid, Open), found String \"Shut\"",
                    js(ctx, "try { call(0) && m.describe({id: 'J', total: 2.5, status: 'Shut', tags: [], paid: true}) }"
                            + " catch (e) { e.message }").asString());
            assertEquals("argument `inv` of cell `describe`: at `inv.tags[1]`: expected String, found number 2", js(ctx,
                    "try { m.describe({id: 'J', total: 2.5, status: 'Paid', tags: ['a', 2], paid: true}) } catch (e) { e.message }")
                    .asString());
        }
    }

    @Test
    void javaScriptReadsLumenValues() {
        try (Context ctx = context()) {
            assertEquals("INV-1 12.5 Open b 2 true", js(ctx, """
                    const inv = m.make('INV-1');
                    [inv.id, inv.total, inv.status, inv.tags[1], inv.tags.length, m.nothing() === null].join(' ')
                    """).asString());
            assertEquals("id,total,status,tags,paid", js(ctx, "Object.keys(m.make('x')).join()").asString());
        }
    }

    @Test
    void aWrongShapeFromJavaScriptIsAnErrorJavaScriptCanCatch() {
        try (Context ctx = context()) {
            assertEquals("argument `p` of cell `norm`: at `p.y`: expected Int, found String \"4\"",
                    js(ctx, "try { m.norm({x: 3, y: '4'}); 'no error' } catch (e) { e.message }").asString());
            assertEquals("argument `p` of cell `norm`: unknown field `z` for Point",
                    js(ctx, "try { m.norm({x: 3, y: 4, z: 5}); 'no error' } catch (e) { e.message }").asString());
            assertEquals("argument `xs` of cell `sum`: expected list[Int], found an object",
                    js(ctx, "try { m.sum({}); 'no error' } catch (e) { e.message }").asString());
            assertEquals("y halt", js(ctx, """
                    try { m.parse('{"x": 1}'); 'no error' } catch (e) { e.errors[0].path + ' ' + e.kind }
                    """).asString());
        }
    }
}
