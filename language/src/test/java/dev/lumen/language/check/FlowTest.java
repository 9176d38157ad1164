package dev.lumen.language.check;

import static dev.lumen.language.check.Checked.at;
import static dev.lumen.language.check.Checked.help;
import static dev.lumen.language.check.Checked.secondary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control flow and bindings: E0020, E0024, E0031, W0001, W0002. */
class FlowTest {

    @Test
    void missingReturnPointsAtTheReturnTypeAndTheEnd() {
        Diagnostic d = Checked.of("""
                cell f(x: Int) -> Int
                  if x > 0
                    return 1
                  end
                end
                """).only(Code.E0024);
        at(d, 1, 19, 22);
        assertEquals("cell `f` can reach its end without returning a value", d.message());
        assertEquals("this cell returns `Int`", d.label());
        secondary(d, 2, "this `if` has no `else`, so the cell can continue past it");
        secondary(d, 5, "the cell can get here without a `return`");
        help(d, "end every path with `return …`, or `halt(\"…\")` where there is no value to return");
    }

    @Test
    void everyPathReturnsOrHalts() {
        Checked.clean("""
                enum Mode
                  Fast
                  Slow
                end
                cell f(x: Int, m: Mode) -> Int
                  if x > 0
                    return 1
                  else if x < 0
                    halt("negative")
                  else
                    match m
                      Mode.Fast -> return 2
                      Mode.Slow ->
                        return 3
                      end
                    end
                  end
                end
                cell g() -> Null
                  let _unused = 1
                end
                """);
    }

    @Test
    void codeAfterReturnIsUnreachable() {
        Checked c = Checked.of("""
                cell f() -> Int
                  return 1
                  let y = 2
                  return y
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(1, ds.size(), Checked.render(ds));
        Diagnostic d = ds.get(0);
        assertEquals(Code.W0001, d.code());
        assertEquals(Severity.WARNING, d.severity());
        at(d, 3, 3);
        assertEquals("unreachable code", d.message());
        secondary(d, 2, "any code after this is unreachable");
        help(d, "remove it, or move it before the `return`");
    }

    @Test
    void codeAfterAnIfThatAlwaysLeaves() {
        Diagnostic d = Checked.of("""
                cell f(b: Bool) -> Int
                  if b
                    return 1
                  else
                    halt("no")
                  end
                  return 3
                end
                """).only(Code.W0001);
        help(d, "remove it, or move it before the `if` (each of its branches leaves the cell)");
    }

    @Test
    void unusedLetIsAWarningParametersAndUnderscoresAreNot() {
        Checked c = Checked.of("""
                cell f(unused_param: Int) -> Int
                  let a = 1
                  let _b = 2
                  let mut c = 3
                  c = 4
                  return 0
                end
                """);
        List<Diagnostic> ds = c.all(Code.W0002);
        assertEquals(2, ds.size());
        at(ds.get(0), 2, 7, 8);
        assertEquals("unused variable `a`", ds.get(0).message());
        assertEquals("never read", ds.get(0).label());
        help(ds.get(0), "if this is intentional, prefix it with an underscore: `_a`");
        assertEquals("variable `c` is assigned but never read", ds.get(1).message());
    }

    @Test
    void assignmentNeedsLetMut() {
        Diagnostic d = Checked.of("""
                cell f(xs: list[Int]) -> Int
                  let total = 0
                  for x in xs
                    total = total + x
                  end
                  return total
                end
                """).only(Code.E0020);
        at(d, 4, 5, 10);
        assertEquals("cannot assign to `total`, which is not `let mut`", d.message());
        assertEquals("cannot assign", d.label());
        secondary(d, 2, "declared here without `mut`");
        help(d, "declare it with `let mut total`");
    }

    @Test
    void parametersAndLoopVariablesCannotBeAssigned() {
        Checked c = Checked.of("""
                cell f(a: Int, xs: list[Int]) -> Null
                  a = 2
                  for x in xs
                    x = 1
                  end
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0020);
        assertEquals(2, ds.size());
        assertEquals("cannot assign to parameter `a`", ds.get(0).message());
        help(ds.get(0), "copy it into a mutable binding first: `let mut new_a = a`");
        assertEquals("cannot assign to loop variable `x`", ds.get(1).message());
    }

    @Test
    void fieldsAndElementsOfMutableBindingsCanBeAssigned() {
        Checked.clean("""
                record Point
                  x: Int
                  y: Int
                end
                cell f() -> Point
                  let mut p = Point { x: 1, y: 2 }
                  p.x = 3
                  let mut xs = [1, 2]
                  xs[0] = 5
                  let mut m: map[String, Point] = {}
                  m["a"] = p
                  m["a"].y = xs[0]
                  return m["a"]
                end
                """);
    }

    @Test
    void assignedValueMustFitTheTarget() {
        Diagnostic d = Checked.of("""
                record Point
                  x: Int
                end
                cell f() -> Point
                  let mut p = Point { x: 1 }
                  p.x = "one"
                  return p
                end
                """).only(Code.E0012);
        assertEquals("expected `Int`, found `String`", d.label());
    }

    @Test
    void expressionStatementsMustHaveAnEffect() {
        Checked c = Checked.of("""
                cell log(s: String) -> Null
                  return
                end
                cell f(n: Int, s: String) -> result[Int, String]
                  log(s)
                  length(s)
                  n + 1
                  n == 1
                  ok(n)
                  return ok(n)
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0031);
        assertEquals(4, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("the result of `length(…)` is unused", ds.get(0).message());
        help(ds.get(0), "bind it: `let result = length(s)`");
        assertEquals("expression statement has no effect", ds.get(1).message());
        help(ds.get(1), "use the value, e.g. `let value = n + 1`, or remove the line");
        help(ds.get(2), "to assign, use `=`: `n = 1`");
        help(ds.get(3), "return it: `return ok(n)`");
        assertEquals(4, c.diagnostics().size());
    }

    @Test
    void aMisspeltHaltIsNotAlsoAMissingReturn() {
        Diagnostic d = Checked.of("""
                cell f(code: Int) -> Int
                  if code == 0
                    return 1
                  else
                    hatl("failed")
                  end
                end
                """).only(Code.E0013);
        help(d, "did you mean `halt`?");
    }

    @Test
    void haltTakesAString() {
        Diagnostic d = Checked.of("""
                cell f(code: Int) -> Null
                  halt(code)
                end
                """).only(Code.E0012);
        help(d, "interpolate it: `\"{code}\"`, or use `to_string(code)`");
    }

    @Test
    void aReportedMatchDoesNotAlsoCauseFlowDiagnostics() {
        Checked c = Checked.of("""
                enum Priority
                  Low
                  High
                end
                cell f(p: Priority) -> Int
                  match p
                    Hgh -> return 1
                    Low -> return 2
                  end
                  let x = 1
                  return x
                end
                """);
        assertEquals(1, c.diagnostics().size(), Checked.render(c.diagnostics()));
        assertEquals(Code.E0023, c.diagnostics().get(0).code());
    }

    @Test
    void aDiscardedUpdateOfALetMutIsAssignedBack() {
        Checked c = Checked.of("""
                cell f(numbers: list[Int], name: String) -> list[Int]
                  let mut out: list[Int] = []
                  let mut label = name
                  for n in numbers
                    append(out, n)
                    trim(label)
                    append(numbers, n)
                  end
                  return append(out, length(label))
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0031);
        assertEquals(3, ds.size(), Checked.render(c.diagnostics()));
        at(ds.get(0), 5, 5, 19);
        assertEquals("the result of `append(…)` is unused", ds.get(0).message());
        assertEquals("this call has no effect", ds.get(0).label());
        help(ds.get(0), "assign it back: `out = append(out, n)`");
        help(ds.get(1), "assign it back: `label = trim(label)`");
        help(ds.get(2), "bind it: `let result = append(numbers, n)`");
    }

    @Test
    void aVariableReadOnlyByItsOwnUpdatesIsNeverRead() {
        Checked c = Checked.of("""
                cell log(n: Int) -> Int
                  return n
                end
                cell f(statuses: list[Int]) -> Int
                  let mut ok = 0
                  let mut retries = 0
                  let mut seen: list[Int] = []
                  let mut logged = 0
                  for s in statuses
                    if s == 200
                      ok = ok + 1
                    else
                      retries = retries + 1
                    end
                    seen = append(seen, s)
                    logged = log(logged + 1)
                  end
                  return ok
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(2, ds.size(), Checked.render(ds));
        at(ds.get(0), 6, 11, 18);
        assertEquals(Code.W0002, ds.get(0).code());
        assertEquals("variable `retries` is assigned but never read", ds.get(0).message());
        assertEquals("never read", ds.get(0).label());
        help(ds.get(0), "if this is intentional, prefix it with an underscore: `_retries`");
        at(ds.get(1), 7, 11, 15);
        assertEquals("variable `seen` is assigned but never read", ds.get(1).message());
    }
}
