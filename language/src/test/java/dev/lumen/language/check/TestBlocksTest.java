package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.syntax.Assertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `test` blocks (lumen-v1.md §16) as the parser and checker see them; positions are snippet lines. */
class TestBlocksTest {
    private static final String TOOL = """
            use tool fs.read as Read
            grant Read path "./notes"

            cell shout(path: String) -> String
              return upper(Read(path: path))
            end
            """;

    private static Decl.Cell onlyTest(Checked c) {
        List<Decl.Cell> tests = c.program().decls().stream()
                .filter(d -> d instanceof Decl.Cell cell && cell.test() != null).map(d -> (Decl.Cell) d).toList();
        assertEquals(1, tests.size(), "tests in " + c.program());
        return tests.get(0);
    }

    @Test
    void aTestIsACellNamedAfterItsLineWithNoParametersHoldingItsFixtures() {
        Checked c = Checked.clean(TOOL + """

                test "shouts what it reads"
                  given Read returns "hello"
                  let loud = shout("./notes/a.txt")
                  assert loud == "HELLO", "upper case"
                end
                """);
        Decl.Cell test = onlyTest(c);
        assertEquals("test$9", test.name().name(), "the `test` keyword is on Markdown line 9");
        assertEquals("shouts what it reads", test.test().title());
        assertTrue(test.params().isEmpty());
        assertNull(test.returns());
        assertEquals(1, test.test().fixtures().size());
        Decl.Fixture fixture = test.test().fixtures().get(0);
        assertEquals("Read", fixture.alias().name());
        assertNull(fixture.tool());
        assertEquals("hello", Assertions.json(fixture.values().get(0)));
        assertNull(test.test().expected());
        assertTrue(Decl.Test.isTestCell(test.name().name()));
    }

    @Test
    void theWordsOfTestsStayNamesElsewhere() {
        Checked.clean("""
                cell test(assert: Int) -> Int
                  let given = assert
                  let expect_error = given + 1
                  return expect_error
                end

                cell run() -> Int
                  return test(1)
                end
                """);
    }

    @Test
    void aTestWithoutAssertIsAnError() {
        Diagnostic d = Checked.of("""
                cell double(n: Int) -> Int
                  return n * 2
                end

                test "double"
                  let _four = double(2)
                end
                """, false).only(Code.E0055);
        Checked.at(d, 5, 1, 14);
        assertEquals("test \"double\" has no `assert`", d.message());
    }

    @Test
    void assertOutsideATestIsAnError() {
        Diagnostic d = Checked.of("""
                cell double(n: Int) -> Int
                  assert n > 0
                  return n * 2
                end
                """, false).only(Code.E0056);
        Checked.at(d, 2, 3, 9);
    }

    @Test
    void givenOutsideATestIsAnError() {
        Checked.of(TOOL.replace("  return upper", "  given Read returns \"x\"\n  return upper"), false)
                .only(Code.E0056);
    }

    @Test
    void aFixtureIsAConstant() {
        Diagnostic d = Checked.of(TOOL + """

                test "shouts"
                  given Read returns upper("hello")
                  assert shout("./notes/a.txt") == "HELLO"
                end
                """, false).only(Code.E0057);
        Checked.at(d, 9, 22, 36);
    }

    @Test
    void constantsOfEveryShapeHaveAJsonForm() {
        Checked c = Checked.clean("""
                use tool http.get as Get
                grant Get domain "api.example.com"

                test "constants"
                  given Get returns {"status": 200, "items": [1, -2.5, true, null], "who": {"name": "x"}}
                  assert 1 == 1
                end
                """);
        Object json = Assertions.json(onlyTest(c).test().fixtures().get(0).values().get(0));
        assertEquals(Map.of("status", 200L, "items", java.util.Arrays.asList(1L, -2.5, true, null),
                "who", Map.of("name", "x")), json);
    }

    @Test
    void aFixtureMayAnswerCallsInTurn() {
        Checked c = Checked.clean("""
                use tool http.get as Get
                grant Get domain "api.example.com"

                test "in turn"
                  given Get returns {"status": 500} then {"status": 200}
                  assert 1 == 1
                end
                """);
        List<Expr> values = onlyTest(c).test().fixtures().get(0).values();
        assertEquals(List.of(Map.of("status", 500L), Map.of("status", 200L)),
                values.stream().map(Assertions::json).toList());
    }

    @Test
    void aFixtureNamesAnImportedTool() {
        Diagnostic d = Checked.of(TOOL + """

                test "shouts"
                  given Reed returns "hello"
                  assert shout("./notes/a.txt") == "HELLO"
                end
                """, false).only(Code.E0058);
        Checked.at(d, 9, 9, 13);
        assertEquals("`Reed` is not a tool this document uses", d.message());
    }

    @Test
    void aToolHasOneFixturePerTest() {
        Diagnostic d = Checked.of(TOOL + """

                test "shouts"
                  given Read returns "hello"
                  given Read returns "again"
                  assert shout("./notes/a.txt") == "HELLO"
                end
                """, false).only(Code.E0058);
        Checked.at(d, 10, 3, 29);
    }

    @Test
    void expectErrorRecordsItsKindAndLineAndCountsAsTheCheck() {
        Checked c = Checked.clean("""
                cell positive(n: Int) -> Int
                  if n <= 0
                    halt("not positive")
                  end
                  return n
                end

                test "zero is refused"
                  expect_error halt positive(0)
                end
                """);
        Decl.ExpectError expected = onlyTest(c).test().expected();
        assertNotNull(expected);
        assertEquals("halt", expected.kind());
        assertEquals(10, expected.line());
        assertEquals("expect_error: positive(0) returned instead of failing with a halt error", expected.returned());
    }

    @Test
    void expectErrorIsTheLastStatementOfItsTest() {
        Diagnostic d = Checked.of("""
                cell positive(n: Int) -> Int
                  return n
                end

                test "zero is refused"
                  expect_error halt positive(0)
                  assert positive(1) == 1
                end
                """, false).only(Code.E0059);
        Checked.at(d, 6, 3, 32);
    }

    @Test
    void expectErrorNamesARuntimeErrorKind() {
        Diagnostic d = Checked.of("""
                cell positive(n: Int) -> Int
                  return n
                end

                test "zero is refused"
                  expect_error crash positive(0)
                end
                """, false).only(Code.E0059);
        Checked.at(d, 6, 16, 21);
    }

    @Test
    void anAssertedConditionIsABool() {
        Checked.of("""
                test "a number is not a condition"
                  assert 1 + 1
                end
                """, false).only(Code.E0012);
    }

    @Test
    void aTestsNameIsPlainText() {
        Diagnostic d = Checked.of("""
                test "adds {name}"
                  assert 1 == 1
                end
                """, false).only(Code.E0007);
        assertEquals("a test's name cannot interpolate", d.message());
    }
}
