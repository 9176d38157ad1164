package dev.lumen.language.check;

import static dev.lumen.language.check.Checked.at;
import static dev.lumen.language.check.Checked.help;
import static dev.lumen.language.check.Checked.note;
import static dev.lumen.language.check.Checked.secondary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expression typing: E0012, E0015, E0017, E0018, E0021, E0025, E0029, E0030, E0032, E0033. */
class TypeErrorsTest {

    private static final String INVOICE = """
            record Invoice
              id: String
              vendor: String
              total: Float
            end
            """;

    @Test
    void unknownFieldSuggestsTheClosest() {
        Diagnostic d = Checked.of(INVOICE + """
                cell f(i: Invoice) -> Float
                  return i.totl
                end
                """).only(Code.E0015);
        at(d, 7, 12, 16);
        assertEquals("no field `totl` on record `Invoice`", d.message());
        assertEquals("unknown field", d.label());
        help(d, "did you mean `total`?");
    }

    @Test
    void unknownFieldListsFieldsWhenNothingIsClose() {
        Diagnostic d = Checked.of(INVOICE + """
                cell f(i: Invoice) -> Float
                  return i.xyzzy
                end
                """).only(Code.E0015);
        help(d, "available fields: id, vendor, total");
    }

    @Test
    void intWhereFloatIsExpectedSuggestsToFloat() {
        Diagnostic d = Checked.of("""
                record LineItem
                  quantity: Int
                  price: Float
                end
                cell f(item: LineItem) -> Float
                  let total: Float = item.quantity
                  return total
                end
                """).only(Code.E0012);
        at(d, 6, 22, 35);
        assertEquals("mismatched types", d.message());
        assertEquals("expected `Float`, found `Int`", d.label());
        secondary(d, 6, "expected because of this type");
        help(d, "use `to_float(item.quantity)` to convert");
    }

    @Test
    void mixedArithmeticIsAnOperatorError() {
        Diagnostic d = Checked.of("""
                record LineItem
                  quantity: Int
                  price: Float
                end
                cell f(item: LineItem) -> Float
                  return item.price * item.quantity
                end
                """).only(Code.E0021);
        at(d, 6, 21, 22);
        assertEquals("cannot multiply `Float` by `Int`", d.message());
        secondary(d, 6, "`Float`");
        secondary(d, 6, "`Int`");
        help(d, "use `to_float(item.quantity)` to convert");
    }

    @Test
    void anIntDivisionIsConvertedBeforeDividing() {
        Checked c = Checked.of("""
                cell f(part: Int, whole: Int, n: Int) -> Float
                  let a = part / whole * 100.0
                  let b: Float = n / 2
                  let _c = 0.5 < part / (whole / n)
                  return a + b
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(3, ds.size(), Checked.render(ds));
        at(ds.get(0), 2, 24, 25);
        assertEquals("cannot multiply `Int` by `Float`", ds.get(0).message());
        help(ds.get(0), "convert before dividing, since `Int` division truncates: `to_float(part) / to_float(whole)`");
        assertEquals(Code.E0012, ds.get(1).code());
        help(ds.get(1), "convert before dividing, since `Int` division truncates: `to_float(n) / 2.0`");
        assertEquals("cannot compare `Float` with `Int`", ds.get(2).message());
        help(ds.get(2), "convert before dividing, since `Int` division truncates: "
                + "`to_float(part) / (to_float(whole) / to_float(n))`");
    }

    @Test
    void stringPlusIntSuggestsInterpolation() {
        Diagnostic d = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "api.example.com"
                cell fetch_data(url: String) -> Bytes
                  let response = HttpGet(url: url)
                  match response.status
                    200 -> return response.body
                    _   -> halt("HTTP error: " + response.status)
                  end
                end
                """).only(Code.E0021);
        at(d, 7, 32, 33);
        assertEquals("cannot add `Int` to `String`", d.message());
        help(d, "Lumen has no implicit conversions; interpolate instead: `\"HTTP error: {response.status}\"`");
    }

    @Test
    void interpolationFixRewritesTheWholeChain() {
        Checked c = Checked.of("""
                cell f(a: Int, b: Float) -> String
                  let x = "total: " + a + " of " + b
                  let y = 1 + 2 + " items"
                  return x + y
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0021);
        assertEquals(2, ds.size());
        help(ds.get(0), "Lumen has no implicit conversions; interpolate instead: `\"total: {a} of {b}\"`");
        assertEquals("cannot add `String` to `Int`", ds.get(1).message());
        help(ds.get(1), "Lumen has no implicit conversions; interpolate instead: `\"{1 + 2} items\"`");
        assertEquals(2, c.diagnostics().size(), "no cascade from the failed chains");
    }

    @Test
    void stringPlusRecordSuggestsToString() {
        Diagnostic d = Checked.of(INVOICE + """
                cell f(i: Invoice) -> String
                  return "invoice " + i
                end
                """).only(Code.E0021);
        help(d, "convert it explicitly: `to_string(i)`");
    }

    @Test
    void returningAValueWhereAResultIsDeclaredSuggestsOk() {
        Diagnostic d = Checked.of(INVOICE + """
                use tool llm.chat as Chat
                grant Chat model "m"
                cell extract(text: String) -> result[Invoice, ValidationError]
                  let response = Chat(role user: text) expect schema Invoice
                  return response
                end
                """).only(Code.E0012);
        at(d, 10, 10, 18);
        assertEquals("expected `result[Invoice, ValidationError]`, found `Invoice`", d.label());
        secondary(d, 8, "expected `result[Invoice, ValidationError]` because of the return type");
        help(d, "wrap it: `ok(response)`");
        note(d, "`expect schema` halts the program when the value does not validate, so its value is a plain "
                + "`Invoice`; to handle invalid values yourself, use `validate(schema Invoice, …)`, which gives a "
                + "`result[Invoice, ValidationError]`");
    }

    @Test
    void returningAnErrorValueSuggestsErr() {
        Diagnostic d = Checked.of("""
                cell f(e: ValidationError) -> result[Int, ValidationError]
                  return e
                end
                """).only(Code.E0012);
        help(d, "wrap it: `err(e)`");
        assertTrue(d.notes().isEmpty());
    }

    @Test
    void usingAResultAsItsValueSuggestsMatching() {
        Diagnostic d = Checked.of("""
                cell f(r: result[Int, String]) -> Int
                  return r
                end
                """).only(Code.E0012);
        help(d, "`r` may hold an error: match on it (`ok(value) -> …`, `err(e) -> …`) to get the `Int`");
    }

    @Test
    void optionalValuesMustBeMatchedFirst() {
        Checked c = Checked.of("""
                record Email
                  local: String
                end
                cell f(x: String | Null, e: Email | Null) -> String
                  let s: String = x
                  if x
                    return s
                  end
                  return e.local
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(3, ds.size(), Checked.render(ds));
        help(ds.get(0), "`x` may be `null`: match on it first (`value: String -> …` and `null -> …`)");
        assertEquals("expected `Bool`, found `String | Null`", ds.get(1).label());
        help(ds.get(1), "test for a value with `x != null`");
        assertEquals(Code.E0029, ds.get(2).code());
        assertEquals("no field `local` on `Email | Null`", ds.get(2).message());
        assertEquals("`e` may be `null`", ds.get(2).label());
    }

    @Test
    void aNumberAsAConditionIsComparedWithZero() {
        Checked c = Checked.of("""
                cell f(pending: Int, name: String, x: Int | Null) -> Bool
                  if pending
                    return true
                  end
                  if name and x
                    return true
                  end
                  return not pending
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(4, ds.size(), Checked.render(ds));
        at(ds.get(0), 2, 6, 13);
        assertEquals(Code.E0012, ds.get(0).code());
        assertEquals("expected `Bool`, found `Int`", ds.get(0).label());
        help(ds.get(0), "compare it: `pending != 0`");
        at(ds.get(1), 5, 6, 10);
        help(ds.get(1), "compare it: `name != \"\"`");
        at(ds.get(2), 5, 15, 16);
        help(ds.get(2), "test for a value with `x != null`");
        at(ds.get(3), 8, 10, 21);
        assertEquals(Code.E0021, ds.get(3).code());
        assertEquals("cannot apply `not` to `Int`", ds.get(3).message());
        help(ds.get(3), "compare it: `pending == 0`");
    }

    @Test
    void literalFixes() {
        Checked c = Checked.of("""
                cell f() -> Null
                  let a: Float = 1
                  let b: String = 5
                  let c: Int = "42"
                  let d: Int = 2.0
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0012);
        assertEquals(4, ds.size());
        help(ds.get(0), "write it as a float: `1.0`");
        help(ds.get(1), "write it as text: `\"5\"`");
        help(ds.get(2), "write the number without quotes: `42`");
        help(ds.get(3), "write it as an integer: `2`");
    }

    @Test
    void textWhereARecordIsExpectedSuggestsValidation() {
        Diagnostic d = Checked.of(INVOICE + """
                cell f(s: String) -> Invoice
                  return s
                end
                """).only(Code.E0012);
        help(d, "validate it: `s expect schema Invoice`");
    }

    @Test
    void listElementsMustAgree() {
        Diagnostic d = Checked.of("""
                cell f() -> Int
                  let xs = [1, "a"]
                  return length(xs)
                end
                """).only(Code.E0012);
        at(d, 2, 16, 19);
        assertEquals("expected `Int`, found `String`", d.label());
        secondary(d, 2, "the first element makes this a `list[Int]`");
    }

    @Test
    void emptyLiteralsAndResultsNeedAType() {
        Checked c = Checked.of("""
                cell f() -> Null
                  let xs = []
                  let m = {}
                  let r = ok(1)
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0025);
        assertEquals(3, ds.size());
        assertEquals("cannot infer the type of an empty list", ds.get(0).message());
        help(ds.get(0), "give it a type, e.g. `let items: list[String] = []`");
        assertEquals("cannot infer the type of an empty map", ds.get(1).message());
        assertEquals("cannot infer the type of `ok(…)`", ds.get(2).message());
        help(ds.get(2), "give the value a type, e.g. `let r: result[Int, E] = ok(1)`");
        assertEquals(3, c.diagnostics().size(), "no unused-variable warnings for bindings with errors");
    }

    @Test
    void contextGivesTypesToEmptyLiteralsAndResults() {
        Checked.clean("""
                cell f(flag: Bool) -> result[list[String], map[String, Int]]
                  let mut names: list[String] = []
                  names = append(names, "a")
                  let counts: map[String, Int] = {}
                  if flag
                    return err(counts)
                  end
                  if names == []
                    return ok([])
                  end
                  return ok(names + [])
                end
                """);
    }

    @Test
    void wrongArgumentCounts() {
        Checked c = Checked.of("""
                cell add(a: Int, b: Int) -> Int
                  return a + b
                end
                cell f() -> Int
                  return add(1) + add(1, 2, 3) + length("a", "b")
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0017);
        assertEquals(3, ds.size());
        assertEquals("cell `add` takes 2 arguments but 1 was given", ds.get(0).message());
        assertEquals("missing `b: Int`", ds.get(0).label());
        secondary(ds.get(0), 1, "cell defined here");
        help(ds.get(0), "the cell is `add(a: Int, b: Int) -> Int`");
        assertEquals("cell `add` takes 2 arguments but 3 were given", ds.get(1).message());
        at(ds.get(1), 5, 29, 30);
        assertEquals("unexpected argument", ds.get(1).label());
        assertEquals("`length` takes 1 argument but 2 were given", ds.get(2).message());
    }

    @Test
    void namedArguments() {
        Checked c = Checked.of("""
                cell add(a: Int, b: Int) -> Int
                  return a + b
                end
                cell f() -> Int
                  let x = add(b: 2, a: 1)
                  let y = add(a: 1, c: 2)
                  let z = add(a: 1, a: 2)
                  let w = length(value: "x")
                  return x + y + z + w
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0018);
        assertEquals(3, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("cell `add` has no parameter named `c`", ds.get(0).message());
        help(ds.get(0), "did you mean `a`?");
        assertEquals("argument `a` is given more than once", ds.get(1).message());
        assertEquals("built-in function `length` takes positional arguments", ds.get(2).message());
        help(ds.get(2), "drop the names: `length(\"x\")`");
        assertEquals(List.of(), c.all(Code.E0017), "a misnamed argument is not also reported as missing");
    }

    @Test
    void recordLiterals() {
        Checked c = Checked.of("""
                record Point
                  x: Int
                  y: Int
                end
                cell f() -> Point
                  let p = Point { x: 1, z: 2, y: 3 }
                  let q = Point { x: 1, x: 2, y: 3 }
                  let r = Pointt { x: 1 }
                  return Point { x: 1 }
                end
                """);
        Diagnostic unknown = c.all(Code.E0015).get(0);
        assertEquals("no field `z` on record `Point`", unknown.message());
        List<Diagnostic> ds = c.all(Code.E0030);
        assertEquals(2, ds.size());
        assertEquals("field `x` is given twice", ds.get(0).message());
        assertEquals("missing field `y` in `Point` literal", ds.get(1).message());
        help(ds.get(1), "add it: `y: …`");
        Diagnostic unknownRecord = c.all(Code.E0014).get(0);
        assertEquals("unknown record `Pointt`", unknownRecord.message());
        help(unknownRecord, "did you mean `Point`?");
    }

    @Test
    void anUnknownFieldInALiteralIsTakenForTheMissingOne() {
        Checked c = Checked.of("""
                record Point
                  x: Float
                  y: Float
                end
                record Box
                  width: Int
                  height: Int
                  depth: Int
                end
                cell f(p: Point) -> Point
                  let _b = Box { width: 1, colour: 2 }
                  let _d = Box { widht: 1, height: 2 }
                  return Point { x: p.x + 1.0, z: p.y }
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(4, ds.size(), Checked.render(ds));
        at(ds.get(0), 11, 28, 34);
        assertEquals("no field `colour` on record `Box`", ds.get(0).message());
        help(ds.get(0), "`Box` still needs `height` and `depth`");
        at(ds.get(1), 12, 12, 15);
        assertEquals(Code.E0030, ds.get(1).code());
        assertEquals("missing field `depth` in `Box` literal", ds.get(1).message());
        at(ds.get(2), 12, 18, 23);
        help(ds.get(2), "did you mean `width`?");
        at(ds.get(3), 13, 32, 33);
        assertEquals(Code.E0015, ds.get(3).code());
        assertEquals("no field `z` on record `Point`", ds.get(3).message());
        assertEquals("unknown field", ds.get(3).label());
        help(ds.get(3), "did you mean `y`?");
    }

    @Test
    void indexingAndFieldsOnTheWrongTypes() {
        Checked c = Checked.of("""
                cell f(n: Int, s: String, j: Json, r: result[Int, String]) -> Null
                  let a = n[0]
                  let b = s[0]
                  let c = j.name
                  let d = r.value
                  let e = s.length
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0029);
        assertEquals(5, ds.size());
        assertEquals("cannot index into a value of type `Int`", ds.get(0).message());
        help(ds.get(1), "take a piece of a string with `slice(s, start, end)`");
        help(ds.get(2), "`Json` is opaque: validate it with `j expect schema T` to get a typed value");
        help(ds.get(3), "match on the result first: `ok(value) -> …`, `err(e) -> …`");
        help(ds.get(4), "use `length(s)`");
    }

    @Test
    void interpolatingARecordIsAnError() {
        Diagnostic d = Checked.of(INVOICE + """
                cell f(i: Invoice, n: Int | Null) -> String
                  return "value: {i} {n}"
                end
                """).only(Code.E0012);
        assertEquals("cannot interpolate a value of type `Invoice`", d.message());
        help(d, "convert it explicitly: `{to_string(i)}`");
    }

    @Test
    void interpolatingAnEnumValueIsAllowed() {
        Checked.clean("""
                enum Status
                  Paid
                  Open
                end

                cell f(s: Status, t: Status | Null) -> String
                  return "status: {s} {t}"
                end
                """);
    }

    @Test
    void comparisons() {
        Checked c = Checked.of("""
                enum Color
                  Red
                  Green
                end
                cell f(c: Color, a: Int, s: String, b: Bool) -> Bool
                  return c == "Red" or a < 1.5 or s == a or b < b or a in s or s in a
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0021);
        assertEquals(6, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("cannot compare `Color` with `String`", ds.get(0).message());
        help(ds.get(0), "compare with the variant: `Color.Red`");
        assertEquals("cannot compare `Int` with `Float`", ds.get(1).message());
        help(ds.get(1), "use `to_float(a)` to convert");
        help(ds.get(2), "use `to_string(a)` to compare them as text");
        assertEquals("cannot order values of type `Bool` with `<`", ds.get(3).message());
        assertEquals("cannot look for `Int` in `String`", ds.get(4).message());
        assertEquals("cannot look for a value in `Int`", ds.get(5).message());
    }

    @Test
    void unaryOperators() {
        Checked c = Checked.of("""
                cell f(a: Int, s: String) -> Bool
                  let x = -s
                  return not a
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0021);
        assertEquals(2, ds.size());
        assertEquals("cannot negate `String`", ds.get(0).message());
        assertEquals("cannot apply `not` to `Int`", ds.get(1).message());
        help(ds.get(1), "compare it: `a == 0`");
    }

    @Test
    void listPlusItemSuggestsAppend() {
        Diagnostic d = Checked.of("""
                cell f(xs: list[Int]) -> list[Int]
                  return xs + 1
                end
                """).only(Code.E0021);
        assertEquals("cannot add `Int` to `list[Int]`", d.message());
        help(d, "add one item with `append(xs, 1)`");
    }

    @Test
    void listOfStringsPlusAStringIsAListError() {
        Checked c = Checked.of("""
                cell f(tags: list[String]) -> list[String]
                  let more = "first" + tags
                  return tags + "untagged"
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0021);
        assertEquals(2, ds.size(), Checked.render(c.diagnostics()));
        at(ds.get(0), 2, 22, 23);
        assertEquals("`+` joins two lists", ds.get(0).label());
        help(ds.get(0), "put the item in a list first: `[\"first\"] + tags`");
        at(ds.get(1), 3, 15, 16);
        assertEquals("cannot add `String` to `list[String]`", ds.get(1).message());
        assertEquals("`+` joins two lists", ds.get(1).label());
        help(ds.get(1), "add one item with `append(tags, \"untagged\")`");
        assertEquals(1, ds.get(1).helps().size(), Checked.render(ds.get(1)));
    }

    @Test
    void intrinsicArgumentTypes() {
        Checked c = Checked.of("""
                cell f(x: Int) -> Null
                  let a = to_int(x)
                  let b = max(1, 2.0)
                  let c = length(x)
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0012);
        assertEquals(3, ds.size());
        help(ds.get(0), "`x` is already an `Int`; remove the conversion");
        secondary(ds.get(1), 3, "both arguments must have this type");
        assertEquals("expected `String`, `Bytes`, a list or a map, found `Int`", ds.get(2).label());
        note(ds.get(2), "length(value: String | Bytes | list[T] | map[String, T]) -> Int");
    }

    @Test
    void everyIntrinsicTypechecks() {
        Checked.clean("""
                cell f(xs: list[Int]) -> Int
                  let mut total = 0
                  for x in xs
                    total = total + x
                  end
                  let mut ys: list[Int] = []
                  ys = append(ys, 1)
                  let joined = join(["a", "b"], ", ")
                  let m: map[String, Int] = {"a": 1}
                  let s = slice("hello", 0, 2)
                  let parts = split(joined, ",")
                  let big = max(1, 2) + min(3, get(m, "a", 0)) + abs(-1) + length(parts) + length(range(0, 10))
                  let more = count(xs, 1) + count(s, "l") + to_int(to_float(big) + to_float("1.5")) + to_int("3")
                  let t = trim(lower(upper(s)))
                  let yes = starts_with(t, "h") and ends_with(t, "o") and matches(t, "^h")
                  let h = hash(replace(t, "h", "j")) + to_string(m)
                  let ref = trace_ref()
                  let back = patch(xs, diff(xs, ys))
                  let red = redact(m, ["a"])
                  let sizes = length(keys(m)) + length(values(m)) + length(back) + length(red) + ref.seq
                  if yes and sizes + more > 0 and h != ""
                    return total
                  end
                  return 0
                end
                """);
    }

    @Test
    void invalidRegularExpression() {
        Diagnostic d = Checked.of("""
                cell f(s: String) -> Bool
                  return matches(s, "[a-z")
                end
                """).only(Code.E0032);
        at(d, 2, 21, 27);
        assertEquals("invalid regular expression", d.message());
        assertEquals("Unclosed character class at character 4", d.label());
        help(d, "close the character class with `]`");
    }

    @Test
    void schemaValidationNeedsJson() {
        Checked c = Checked.of("""
                cell f(n: Int, b: Bytes) -> Null
                  let x = n expect schema Int
                  let y = b expect schema String
                  let z = validate(schema Int, n)
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0033);
        assertEquals(3, ds.size());
        assertEquals("`expect schema` reads JSON text or a `Json` value, found `Int`", ds.get(0).message());
        help(ds.get(0), "`n` is already an `Int`; no validation is needed");
        help(ds.get(1), "decode it first: `to_string(b)`");
        assertEquals("`validate` reads JSON text or a `Json` value, found `Int`", ds.get(2).message());
    }

    @Test
    void schemaReferenceOutsideValidate() {
        Diagnostic d = Checked.of("""
                cell f() -> Null
                  let s = schema Int
                  return
                end
                """).only(Code.E0007);
        assertEquals("`schema Int` is only allowed as the first argument of `validate`", d.message());
    }

    @Test
    void returnWithoutDeclaredReturnType() {
        Diagnostic d = Checked.of("""
                cell g(x: Int)
                  return x
                end
                """).only(Code.E0012);
        assertEquals("expected `Null`, found `Int`", d.label());
        secondary(d, 1, "`g` has no return type, so it returns `Null`");
        help(d, "declare the return type: `cell g(x: Int) -> Int`");
    }

    @Test
    void returnWithoutAValue() {
        Diagnostic d = Checked.of("""
                cell g() -> Int
                  return
                end
                """).only(Code.E0012);
        assertEquals("`return` needs a value in cell `g`", d.message());
    }

    @Test
    void aListIteratedWithTwoNamesGivesThePositionAndTheElement() {
        Checked.clean("""
                cell f(xs: list[String]) -> Int
                  let mut total = 0
                  for i, x in xs
                    let position: Int = i
                    let element: String = x
                    total = total + position + length(element)
                  end
                  return total
                end
                """);
        Diagnostic d = Checked.of("""
                cell g(xs: list[String]) -> Null
                  for i, x in xs
                    i = 1
                  end
                end
                """).only(Code.E0020);
        assertTrue(d.message().contains("`i`"), d.message());
    }

    @Test
    void iteration() {
        Checked c = Checked.of("""
                cell f(n: Int, m: map[String, Int]) -> Null
                  for i in n
                    return
                  end
                  for k, v in [1, 2]
                    return
                  end
                  for k in m
                    return
                  end
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0012);
        assertEquals(2, ds.size());
        assertEquals("cannot iterate over `Int`", ds.get(0).message());
        help(ds.get(0), "iterate over a range: `for i in range(0, n)`");
        assertEquals("a map is iterated with two names", ds.get(1).message());
        help(ds.get(1), "name the key and the value: `for k, value in m`");
    }
}
