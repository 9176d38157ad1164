package dev.lumen.language.check;

import static dev.lumen.language.check.Checked.at;
import static dev.lumen.language.check.Checked.help;
import static dev.lumen.language.check.Checked.secondary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patterns and exhaustiveness: E0022, E0023, and W0001 for unreachable arms. */
class MatchTest {

    private static final String PRIORITY = """
            enum Priority
              Low
              Medium
              High
              Critical
            end
            """;

    @Test
    void missingEnumVariantsAreListed() {
        Diagnostic d = Checked.of(PRIORITY + """
                cell f(p: Priority) -> Int
                  match p
                    Priority.Low -> return 1
                    Medium -> return 2
                  end
                end
                """).only(Code.E0022);
        at(d, 8, 9, 10);
        assertEquals("non-exhaustive match: `Priority.High` and `Priority.Critical` not covered", d.message());
        assertEquals("patterns `Priority.High` and `Priority.Critical` not covered", d.label());
        help(d, "add an arm: `Priority.High -> …`, one for each missing case, or a catch-all `_ -> …`");
    }

    @Test
    void boolResultAndUnionCases() {
        Checked c = Checked.of("""
                cell f(r: result[Int, String], b: Bool, u: String | Int | Null) -> Int
                  match r
                    err(e) -> return 2
                  end
                  match b
                    true -> return 1
                  end
                  match u
                    s: String -> return 1
                  end
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0022);
        assertEquals(3, ds.size());
        assertEquals("non-exhaustive match: `ok(_)` not covered", ds.get(0).message());
        help(ds.get(0), "add an arm: `ok(_) -> …`");
        assertEquals("non-exhaustive match: `false` not covered", ds.get(1).message());
        assertEquals("non-exhaustive match: `_: Int` and `null` not covered", ds.get(2).message());
        assertEquals(3, c.diagnostics().size(), "no missing-return error on top of the reported matches");
    }

    @Test
    void nestedResultsAreCheckedRecursively() {
        Diagnostic d = Checked.of("""
                cell f(r: result[result[Int, String], Bool]) -> Int
                  match r
                    ok(ok(n)) -> return n
                    ok(err(s)) -> return 0
                    err(true) -> return 1
                  end
                end
                """).only(Code.E0022);
        assertEquals("non-exhaustive match: `err(false)` not covered", d.message());
    }

    @Test
    void openTypesNeedACatchAll() {
        Diagnostic d = Checked.of("""
                cell f(n: Int) -> String
                  match n
                    200 -> return "ok"
                    404 -> return "missing"
                  end
                end
                """).only(Code.E0022);
        assertEquals("non-exhaustive match: not every `Int` is covered", d.message());
        help(d, "add a catch-all arm at the end: `_ -> …`");
    }

    @Test
    void exhaustiveMatchesBindTheirNames() {
        Checked c = Checked.clean(PRIORITY + """
                cell f(x: String | Int | Null, p: Priority, r: result[Int, String]) -> String
                  match r
                    ok(n) -> return "{n}"
                    err(_) -> return "error"
                  end
                end
                cell g(x: String | Int | Null, p: Priority) -> String
                  match p
                    Low -> return "low"
                    Priority.Medium -> return "medium"
                    other -> return "high"
                  end
                end
                cell h(x: String | Int | Null) -> String
                  match x
                    s: String -> return s
                    n: Int -> return "{n}"
                    null -> return "none"
                  end
                end
                """);
        assertEquals(0, c.diagnostics().size());
    }

    @Test
    void misspelledVariantIsNotSilentlyABinding() {
        Diagnostic d = Checked.of(PRIORITY + """
                cell f(p: Priority) -> Int
                  match p
                    Hgh -> return 1
                    _ -> return 2
                  end
                end
                """).only(Code.E0023);
        at(d, 9, 5, 8);
        assertEquals("no variant `Hgh` on enum `Priority`", d.message());
        help(d, "did you mean `High`?");
    }

    @Test
    void patternsMustFitTheMatchedType() {
        Checked c = Checked.of("""
                cell f(n: Int, s: String | Null, t: String) -> Int
                  match n
                    "200" -> return 1
                    _ -> return 0
                  end
                  match s
                    n: Int -> return 1
                    _ -> return 2
                  end
                  match t
                    ok(x) -> return 1
                    _ -> return 2
                  end
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0023);
        assertEquals(3, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("this pattern cannot match an `Int`", ds.get(0).message());
        assertEquals("expected `Int`, found `String`", ds.get(0).label());
        help(ds.get(0), "write the number without quotes: `200`");
        assertEquals("`Int` is not one of the types of `String | Null`", ds.get(1).message());
        assertEquals("`ok(…)` cannot match a `String`", ds.get(2).message());
    }

    @Test
    void aTypedPatternThatCannotMatchDoesNotCatchEverything() {
        Checked c = Checked.of("""
                cell f(reading: Int | Null) -> String
                  match reading
                    f: Float -> return "{f} degrees"
                    null     -> return "no reading"
                  end
                  match reading
                    g: Flaot -> return "{g}"
                    _        -> return "other"
                  end
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(2, ds.size(), Checked.render(ds));
        Diagnostic d = ds.get(0);
        assertEquals(Code.E0023, d.code());
        at(d, 3, 8, 13);
        assertEquals("`Float` is not one of the types of `Int | Null`", d.message());
        assertEquals("expected one of `Int` and `Null`, found `Float`", d.label());
        assertEquals(Code.E0014, ds.get(1).code());
        help(ds.get(1), "did you mean `Float`?");
    }

    @Test
    void unknownVariantInQualifiedPattern() {
        Diagnostic d = Checked.of(PRIORITY + """
                cell f(p: Priority) -> Int
                  match p
                    Priority.Hihg -> return 1
                    _ -> return 2
                  end
                end
                """).only(Code.E0015);
        assertEquals("no variant `Hihg` on enum `Priority`", d.message());
        help(d, "did you mean `High`?");
    }

    @Test
    void armsAfterACatchAllAndRepeatedArmsAreUnreachable() {
        Checked c = Checked.of(PRIORITY + """
                cell f(p: Priority) -> Int
                  match p
                    Priority.Low -> return 1
                    Priority.Low -> return 2
                    _ -> return 3
                    Priority.High -> return 4
                  end
                end
                """);
        List<Diagnostic> ds = c.all(Code.W0001);
        assertEquals(2, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("unreachable match arm", ds.get(0).message());
        assertEquals("this case is already matched", ds.get(0).label());
        secondary(ds.get(0), 9, "matched here first");
        assertEquals("this arm is never reached", ds.get(1).label());
        secondary(ds.get(1), 11, "this earlier arm matches every value");
    }

    @Test
    void enumVariantValues() {
        Diagnostic d = Checked.of(PRIORITY + """
                cell f() -> Priority
                  return Priority.Hgh
                end
                """).only(Code.E0015);
        assertEquals("no variant `Hgh` on enum `Priority`", d.message());
        help(d, "did you mean `High`?");
    }
}
