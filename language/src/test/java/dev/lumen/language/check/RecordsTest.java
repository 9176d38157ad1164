package dev.lumen.language.check;

import static dev.lumen.language.check.Checked.at;
import static dev.lumen.language.check.Checked.help;
import static dev.lumen.language.check.Checked.note;
import static dev.lumen.language.check.Checked.secondary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records and types: E0026 constraints, E0027 recursion, E0028 unions, E0012 map keys. */
class RecordsTest {

    @Test
    void constraintsSeeTheRecordsFields() {
        Checked.clean("""
                record Range
                  low: Int where low >= 0 and low <= high
                  high: Int where high < 1_000
                  label: String where matches(label, "^[a-z]+$") and not starts_with(label, "x")
                  tags: list[String] where length(tags) <= 5 and "core" in tags
                end
                """);
    }

    @Test
    void constraintsAreBoolAndPure() {
        Checked c = Checked.of("""
                record R
                  x: Int where length(x) > 0
                  y: Int where f(y)
                  z: Int where z
                  w: TraceRef where trace_ref() == w
                  v: Int where v > limit
                end
                cell f(n: Int) -> Bool
                  return n > 0
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(5, ds.size(), Checked.render(ds));
        assertEquals(Code.E0012, ds.get(0).code());
        Diagnostic cell = ds.get(1);
        assertEquals(Code.E0026, cell.code());
        at(cell, 3, 16, 20);
        assertEquals("`where` constraints cannot call cell `f`", cell.message());
        note(cell, "constraints run during validation and must be pure");
        assertEquals("a `where` constraint must be a `Bool`, found `Int`", ds.get(2).message());
        help(ds.get(2), "state the condition the field must meet, e.g. `where z > 0`");
        assertEquals("`where` constraints cannot call `trace_ref()`", ds.get(3).message());
        assertEquals(Code.E0013, ds.get(4).code());
        help(ds.get(4), "a `where` constraint can use the fields of `R`: x, y, z, w, v");
    }

    @Test
    void constraintsCannotCallTools() {
        Diagnostic d = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "a.com"
                record R
                  url: String where HttpGet(url: url).status == 200
                end
                """).only(Code.E0026);
        assertEquals("`where` constraints cannot call tool `HttpGet`", d.message());
    }

    @Test
    void recordContainingItself() {
        Diagnostic d = Checked.of("""
                record Node
                  value: Int
                  next: Node
                end
                """).only(Code.E0027);
        at(d, 1, 8, 12);
        assertEquals("record `Node` contains itself without indirection", d.message());
        secondary(d, 3, "`next` contains `Node` directly");
        help(d, "make the field optional (`next: Node | Null`) or a list (`next: list[Node]`)");
    }

    @Test
    void recordsContainingEachOther() {
        Diagnostic d = Checked.of("""
                record A
                  b: B
                end
                record B
                  a: A
                end
                """).only(Code.E0027);
        assertEquals("records `A` and `B` contain each other without indirection", d.message());
        secondary(d, 2, "`A.b` contains `B`");
        secondary(d, 5, "`B.a` contains `A`");
    }

    @Test
    void aLongChainOfRecordsHoldingTheNextIsChecked() {
        // Thousands of records, each holding the next directly: searched without recursion, and once.
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            code.append("record R").append(i).append("\n  next: R").append(i + 1).append("\nend\n");
        }
        Checked.clean(code + "record R10000\n  last: Int\nend\n");
    }

    @Test
    void aCycleAtTheEndOfALongChainIsFound() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            code.append("record R").append(i).append("\n  next: R").append(i + 1).append("\nend\n");
        }
        Diagnostic d = Checked.of(code + "record R5000\n  back: R4998\nend\n").only(Code.E0027);
        assertEquals("records `R4998`, `R4999` and `R5000` contain each other without indirection", d.message());
    }

    @Test
    void indirectionMakesRecursionFine() {
        Checked.clean("""
                record Tree
                  value: Int
                  parent: Tree | Null
                  children: list[Tree]
                  named: map[String, Tree]
                end
                """);
    }

    @Test
    void ambiguousUnions() {
        Checked c = Checked.of("""
                enum Priority
                  Low
                  High
                end
                record A
                  x: Int
                end
                record B
                  x: Int
                end
                cell f(a: String | String, b: Json | Null, c: list[Int] | list[String], d: Priority | String,
                       e: A | B) -> Null
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0028);
        assertEquals(5, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("`String` appears more than once in this union", ds.get(0).message());
        assertEquals("a union cannot contain `Json`", ds.get(1).message());
        assertEquals("ambiguous union `list[Int] | list[String]`", ds.get(2).message());
        note(ds.get(2), "an empty list `[]` is both a `list[Int]` and a `list[String]`");
        assertEquals("ambiguous union `Priority | String`", ds.get(3).message());
        note(ds.get(3), "the text \"Low\" is both a `Priority` and a `String`");
        assertEquals("ambiguous union `A | B`", ds.get(4).message());
        note(ds.get(4), "`A` and `B` have the same fields, so a value could be either");
        assertEquals(5, c.diagnostics().size());
    }

    @Test
    void mapKeysAreStrings() {
        Diagnostic d = Checked.of("""
                cell f(m: map[Int, String]) -> Null
                  return
                end
                """).only(Code.E0012);
        assertEquals("map keys are always `String`", d.message());
        help(d, "write `map[String, String]`; convert keys with `to_string(…)`");
    }
}
