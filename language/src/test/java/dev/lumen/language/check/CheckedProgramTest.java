package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the checker records for lowering: types, call targets, bindings, fields and patterns. */
class CheckedProgramTest {

    @Test
    void resolutionsAreRecordedPerNode() {
        Checked c = Checked.clean("""
                enum Level
                  Low
                  High
                end
                record Item
                  name: String
                  level: Level
                end
                cell describe(item: Item) -> String
                  return item.name
                end
                cell run(items: list[Item]) -> Int
                  let mut count = 0
                  for item in items
                    match item.level
                      Level.High -> count = count + length(describe(item))
                      low -> count = count + 1
                    end
                  end
                  let r: result[Int, String] = ok(count)
                  match r
                    ok(n) -> return n
                    err(_) -> return Level.Low == Level.High and true
                  end
                end
                """.replace("err(_) -> return Level.Low == Level.High and true", "err(_) -> return 0"));
        CheckedProgram p = c.checked();
        CellInfo run = p.cell("run");
        assertEquals(List.of("items", "count", "item", "low", "r", "n"),
                run.locals().stream().map(Binding::name).toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), run.locals().stream().map(Binding::slot).toList());
        assertEquals(Binding.Kind.PATTERN, run.locals().get(3).kind());
        assertEquals(false, run.callsTools());

        Decl.Cell decl = run.decl();
        Stmt.For loop = (Stmt.For) decl.body().statements().get(1);
        assertSame(run.locals().get(2), p.declaredBy(loop.item()));
        Stmt.Match match = (Stmt.Match) loop.body().statements().get(0);
        Expr.Field level = (Expr.Field) match.scrutinee();
        FieldRef.RecordField ref = assertInstanceOf(FieldRef.RecordField.class, p.field(level));
        assertEquals(1, ref.index());
        EnumType levelType = p.symbols().enumeration("Level").type();
        assertSame(levelType, p.typeOf(level));

        Pattern high = match.arms().get(0).pattern();
        assertEquals(new PatternMeaning.Variant(levelType, "High", 1), p.pattern(high));
        assertInstanceOf(PatternMeaning.Bind.class, p.pattern(match.arms().get(1).pattern()));

        Stmt.Assign assign = (Stmt.Assign) match.arms().get(0).body().statements().get(0);
        Expr.Binary sum = (Expr.Binary) assign.value();
        Expr.Call length = (Expr.Call) sum.right();
        assertEquals("length", ((CallTarget.Intrinsic) p.callTarget(length)).intrinsic().name());
        Expr.Call describe = (Expr.Call) length.args().get(0).value();
        assertSame(p.cell("describe"), ((CallTarget.Cell) p.callTarget(describe)).cell());
        Expr.Name itemRef = (Expr.Name) describe.args().get(0).value();
        assertSame(run.locals().get(2), p.binding(itemRef));
        assertSame(run.locals().get(1), p.binding((Expr.Name) assign.target()));

        Stmt.Let let = (Stmt.Let) decl.body().statements().get(2);
        assertEquals(new CallTarget.ResultConstructor(true), p.callTarget((Expr.Call) let.value()));
        assertEquals(Type.result(Type.INT, Type.STRING), p.type(let.type()));
        assertEquals(Type.result(Type.INT, Type.STRING), p.typeOf(let.value()));
    }

    @Test
    void recordsKeepTheirConstraints() {
        Checked c = Checked.clean("""
                record Invoice
                  id: String where length(id) >= 6
                  total: Float
                end
                """);
        RecordInfo invoice = c.checked().symbols().record("Invoice");
        RecordType type = invoice.type();
        assertEquals("Invoice", type.toString());
        assertEquals(List.of("id", "total"), List.copyOf(type.fields().keySet()));
        Expr constraint = invoice.fields().get(0).constraint();
        assertEquals(Type.BOOL, c.checked().typeOf(constraint));
        Expr.Call call = (Expr.Call) ((Expr.Binary) constraint).left();
        Expr.Name id = (Expr.Name) call.args().get(0).value();
        assertEquals(Binding.Kind.FIELD, c.checked().binding(id).kind());
        assertEquals(0, c.checked().binding(id).slot());
    }

    @Test
    void enumVariantValuesResolve() {
        Checked c = Checked.clean("""
                enum Level
                  Low
                  High
                end
                cell top() -> Level
                  return Level.High
                end
                """);
        Stmt.Return ret = (Stmt.Return) c.checked().cell("top").decl().body().statements().get(0);
        FieldRef.EnumVariant v = assertInstanceOf(FieldRef.EnumVariant.class, c.checked().field((Expr.Field) ret.value()));
        assertEquals(1, v.ordinal());
    }
}
