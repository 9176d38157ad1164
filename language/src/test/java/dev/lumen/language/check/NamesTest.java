package dev.lumen.language.check;

import static dev.lumen.language.check.Checked.at;
import static dev.lumen.language.check.Checked.help;
import static dev.lumen.language.check.Checked.secondary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Name resolution: E0013, E0014, E0016, E0019, E0046. */
class NamesTest {

    @Test
    void unknownVariableSuggestsANameInScope() {
        Diagnostic d = Checked.of("""
                cell f(xs: list[Int]) -> Int
                  let mut total = 0
                  for x in xs
                    total = totl + x
                  end
                  return total
                end
                """).only(Code.E0013);
        at(d, 4, 13, 17);
        assertEquals("cannot find `totl` in this scope", d.message());
        assertEquals("not found in this scope", d.label());
        help(d, "did you mean `total`?");
    }

    @Test
    void unknownCellSuggestsCellsAndIntrinsics() {
        Checked c = Checked.of("""
                cell add(a: Int, b: Int) -> Int
                  return a + b
                end
                cell f() -> Int
                  return ad(1, 2) + lenght("x")
                end
                """);
        assertEquals(2, c.diagnostics().size());
        Diagnostic ad = c.diagnostics().get(0);
        assertEquals("cannot find cell or built-in function `ad`", ad.message());
        at(ad, 5, 10);
        help(ad, "did you mean `add`?");
        help(c.diagnostics().get(1), "did you mean `length`?");
    }

    @Test
    void parseJsonPointsAtTheJsonTool() {
        Diagnostic d = Checked.of("""
                cell f(data: String) -> Json
                  return parse_json(data)
                end
                """).only(Code.E0013);
        help(d, "JSON text is parsed by the `json.parse` tool (`use tool json.parse as ParseJson`), or validated "
                + "directly with `text expect schema T`");
    }

    @Test
    void foreignSpellingsOfLiterals() {
        Diagnostic d = Checked.of("""
                cell f() -> String | Null
                  return None
                end
                """).only(Code.E0013);
        help(d, "did you mean `null`?");
    }

    @Test
    void misspeltLiteralsEnumsAndToolsAreSuggested() {
        Checked c = Checked.of("""
                enum Priority
                  Low
                end
                use tool mcp "http://x" as Notion
                grant Notion.create_page timeout_ms 5
                cell f() -> Json
                  let yes = treu
                  let p = Priorty.Low
                  return Notino.create_page(title: "x")
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0013);
        assertEquals(3, ds.size(), Checked.render(c.diagnostics()));
        help(ds.get(0), "did you mean `true`?");
        help(ds.get(1), "did you mean `Priority`?");
        help(ds.get(2), "did you mean `Notion`?");
    }

    @Test
    void typesAndCellsAreNotValues() {
        Checked c = Checked.of("""
                enum Priority
                  Low
                  High
                end
                cell g() -> Null
                  return
                end
                cell f() -> Null
                  let a = Priority
                  let b = g
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0013);
        assertEquals(2, ds.size());
        assertEquals("`Priority` is an enum, not a value", ds.get(0).message());
        help(ds.get(0), "write one of its variants, e.g. `Priority.Low`");
        assertEquals("`g` is a cell, not a value", ds.get(1).message());
        help(ds.get(1), "call it: `g(…)`");
        assertEquals(List.of(), c.all(Code.W0002), "bindings with errors are not also reported as unused");
    }

    @Test
    void unknownTypeSuggestsDeclaredAndBuiltInTypes() {
        Checked c = Checked.of("""
                record Invoice
                  id: String
                end
                cell f(a: Invoce, b: Strng, c: int, d: Any, e: list) -> Null
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0014);
        assertEquals(5, ds.size());
        assertEquals("unknown type `Invoce`", ds.get(0).message());
        assertEquals("not a known type", ds.get(0).label());
        at(ds.get(0), 4, 11, 17);
        help(ds.get(0), "did you mean `Invoice`?");
        help(ds.get(1), "did you mean `String`?");
        help(ds.get(2), "did you mean `Int`?");
        help(ds.get(3), "Lumen has no `Any` type: use `Json` for arbitrary JSON, or a union such as `String | Int`");
        assertEquals("`list` needs type arguments", ds.get(4).message());
        help(ds.get(4), "write the element types, e.g. `list[String]`");
    }

    @Test
    void duplicateTopLevelNamesPointAtTheFirst() {
        Diagnostic d = Checked.of("""
                record Invoice
                  id: String
                end
                cell Invoice() -> Null
                  return
                end
                """).only(Code.E0016);
        at(d, 4, 6, 13);
        assertEquals("the name `Invoice` is defined more than once", d.message());
        assertEquals("`Invoice` redefined here", d.label());
        secondary(d, 1, "first defined here as a record");
        help(d, "rename one of them: cells, records, enums and tool aliases share one namespace");
    }

    @Test
    void builtInNamesCannotBeRedefined() {
        Checked c = Checked.of("""
                record String
                  x: Int
                end
                cell ok() -> Null
                  return
                end
                record trim
                  x: Int
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0016);
        assertEquals(3, ds.size());
        assertEquals("`String` is a built-in type and cannot be redefined", ds.get(0).message());
        assertEquals("`ok` is a built-in function and cannot be redefined", ds.get(1).message());
        help(ds.get(1), "choose another name for this cell");
        assertEquals("`trim` is a built-in function and cannot be redefined", ds.get(2).message());
    }

    @Test
    void aCellNamedLikeAnIntrinsicHidesItInCallsWithAWarning() {
        Checked c = Checked.of("""
                cell get(id: Int) -> String
                  return "item {id}"
                end
                cell run() -> String
                  return get(7)
                end
                """);
        Diagnostic d = c.only(Code.W0003);
        assertEquals(Severity.WARNING, d.severity());
        assertEquals("cell `get` hides the built-in function `get`", d.message());
        assertEquals(1, d.span().line() - 1);
        Expr.Call call = (Expr.Call) ((Stmt.Return) ((Decl.Cell) c.program().decls().get(1)).body().statements()
                .get(0)).value();
        assertInstanceOf(CallTarget.Cell.class, c.checked().callTarget(call));
    }

    @Test
    void aWhereConstraintStillCallsTheIntrinsicACellHides() {
        Checked c = Checked.of("""
                record Tag
                  name: String where length(name) > 0
                end
                cell length(tag: Tag) -> Int
                  return 1
                end
                """);
        assertEquals(List.of(Code.W0003), c.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void duplicateFieldsVariantsParametersAndLets() {
        Checked c = Checked.of("""
                record R
                  x: Int
                  x: String
                end
                enum E
                  A
                  A
                end
                cell f(a: Int, a: Int) -> Null
                  let y = 1
                  let y = 2
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0016);
        assertEquals(4, ds.size());
        assertEquals("field `x` is declared twice in record `R`", ds.get(0).message());
        assertEquals("variant `A` is declared twice in enum `E`", ds.get(1).message());
        assertEquals("parameter `a` is declared twice in cell `f`", ds.get(2).message());
        assertEquals("`y` is already declared in this block", ds.get(3).message());
        secondary(ds.get(3), 10, "first declared here");
        help(ds.get(3), "choose another name; Lumen does not shadow a name in the same block");
    }

    @Test
    void shadowingInANestedBlockIsAllowed() {
        Checked.clean("""
                cell f(xs: list[Int]) -> Int
                  let n = 1
                  for x in xs
                    let n = x
                    if n > 0
                      return n
                    end
                  end
                  return n
                end
                """);
    }

    @Test
    void parametersShareTheCellsTopScope() {
        Diagnostic d = Checked.of("""
                cell f(x: Int) -> Int
                  let x = 2
                  return x
                end
                """).only(Code.E0016);
        assertEquals("`x` is already declared in this cell", d.message());
        secondary(d, 1, "`x` is a parameter of this cell");
    }

    @Test
    void callingSomethingThatIsNotACell() {
        Checked c = Checked.of("""
                record Point
                  x: Int
                end
                cell f(n: Int) -> Null
                  n(1)
                  Point(1)
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0019);
        assertEquals(2, ds.size());
        assertEquals("`n` is a value of type `Int`, not a cell", ds.get(0).message());
        secondary(ds.get(0), 4, "`n` is declared here");
        assertEquals("`Point` is a record type, not a cell", ds.get(1).message());
        help(ds.get(1), "build a record with braces: `Point { field: value, … }`");
    }

    @Test
    void methodCallSyntaxSuggestsTheIntrinsic() {
        Diagnostic d = Checked.of("""
                cell f(s: String) -> String
                  return s.trim()
                end
                """).only(Code.E0019);
        assertEquals("`trim` is a built-in function, not a method", d.message());
        help(d, "call it with the value as its first argument: `trim(s)`");
    }

    @Test
    void unknownRoleSuggestsARole() {
        Diagnostic d = Checked.of("""
                cell f(name: String) -> RoleText
                  return role sytem: "hi {name}"
                end
                """).only(Code.E0013);
        assertEquals("unknown role `sytem`", d.message());
        at(d, 2, 15, 20);
        help(d, "did you mean `system`?");
    }
}
