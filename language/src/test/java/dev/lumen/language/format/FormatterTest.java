package dev.lumen.language.format;

import static dev.lumen.language.format.Formatting.block;
import static dev.lumen.language.format.Formatting.format;
import static dev.lumen.language.format.Formatting.formatted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The style of docs/spec/format.md, one rule at a time: input → expected output. */
class FormatterTest {

    private static void formats(String code, String expected) {
        assertEquals(block(expected), format(block(code)));
        assertEquals(block(expected), format(block(expected)), "the expected output is itself formatted");
    }

    @Test
    void laysTestBlocksOutAsCells() {
        formats("""
                cell add(a: Int, b: Int) -> Int
                  return a+b
                end
                test "adds"
                    given Read returns {"a":1}
                      let total=add(1,1)
                  assert total==2,"two"
                 expect_error halt add(1,2)
                end
                """, """
                cell add(a: Int, b: Int) -> Int
                  return a + b
                end

                test "adds"
                  given Read returns {"a": 1}
                  let total = add(1, 1)
                  assert total == 2, "two"
                  expect_error halt add(1, 2)
                end
                """);
    }

    @Test
    void indentsBlocksByTwoSpacesAndAlignsEndWithItsOpener() {
        formats("""
                cell f(a: Int) -> Int
                   if a > 0
                 return a
                    else if a == 0
                            return 0
                      else
                   return -a
                        end
                end
                """, """
                cell f(a: Int) -> Int
                  if a > 0
                    return a
                  else if a == 0
                    return 0
                  else
                    return -a
                  end
                end
                """);
    }

    @Test
    void indentsForMatchArmsAndArmBlocks() {
        formats("""
                cell f(xs: list[Int | Null]) -> Int
                let mut n = 0
                for x in xs
                match x
                    v: Int ->
                        n = n + v
                    end
                null -> n = n - 1
                end
                end
                return n
                end
                """, """
                cell f(xs: list[Int | Null]) -> Int
                  let mut n = 0
                  for x in xs
                    match x
                      v: Int ->
                        n = n + v
                      end
                      null -> n = n - 1
                    end
                  end
                  return n
                end
                """);
    }

    @Test
    void putsOneSpaceAroundOperatorsAndAfterCommasAndColons() {
        formats("""
                cell f(a:Int,b : Int)->Int
                  let x=a*b+a%b-a/b
                  let ok_ = x>=1 and x!=2 or not x<3 and x in [1,2]
                  let m : map[String,Int] = {"a":1,"b" :2}
                  return g( a ,b: x )
                end
                """, """
                cell f(a: Int, b: Int) -> Int
                  let x = a * b + a % b - a / b
                  let ok_ = x >= 1 and x != 2 or not x < 3 and x in [1, 2]
                  let m: map[String, Int] = {"a": 1, "b": 2}
                  return g(a, b: x)
                end
                """);
    }

    @Test
    void tellsSignsFromSubtraction() {
        formats("""
                cell f(a: Int) -> Int
                  let b = - a - -1
                  let c = [ - 1, f( - 2)]
                  match a
                    - 1 -> return a -1
                    _ -> return (a)- (- b)
                  end
                end
                """, """
                cell f(a: Int) -> Int
                  let b = -a - -1
                  let c = [-1, f(-2)]
                  match a
                    -1 -> return a - 1
                    _  -> return (a) - (-b)
                  end
                end
                """);
    }

    @Test
    void keepsNamesCallsIndexesAndFieldsTight() {
        formats("""
                cell f(xs: list[Item]) -> String
                  let first = xs [0] . name
                  let c = "abc" [0] + f(1) [0]
                  let s = Alias . `get-sum` (a: 1.0)
                  halt ( "bad {first}" )
                end
                """, """
                cell f(xs: list[Item]) -> String
                  let first = xs[0].name
                  let c = "abc"[0] + f(1)[0]
                  let s = Alias.`get-sum`(a: 1.0)
                  halt("bad {first}")
                end
                """);
    }

    @Test
    void spacesTheBracesOfRecordLiteralsButNotOfMaps() {
        formats("""
                cell f() -> Box
                  let m = { "a" : 1 }
                  let e = Empty{}
                  return Box{n:1, inner:Inner {m: m}}
                end
                """, """
                cell f() -> Box
                  let m = {"a": 1}
                  let e = Empty {}
                  return Box { n: 1, inner: Inner { m: m } }
                end
                """);
    }

    @Test
    void keepsLineBreaksAndIndentsContinuationsOneLevel() {
        formats("""
                cell f() -> list[Int]
                  let total = 1 +
                          2 +
                   3
                  let xs = g(h(
                        1,
                          2))
                  return [
                      1,
                        2,
                  ]
                end
                """, """
                cell f() -> list[Int]
                  let total = 1 +
                    2 +
                    3
                  let xs = g(h(
                    1,
                    2))
                  return [
                    1,
                    2,
                  ]
                end
                """);
    }

    @Test
    void keepsEnumVariantsListedOnePerLineLevel() {
        formats("""
                enum Color
                      Red,
                  Green,
                        Blue
                end
                enum Size
                  Small, Large
                end
                """, """
                enum Color
                  Red,
                  Green,
                  Blue
                end

                enum Size
                  Small, Large
                end
                """);
    }

    @Test
    void alignsTheTypesOfRecordFieldsAndTheirWhereClauses() {
        formats("""
                record Invoice
                  id:String where length(id) >= 6
                  total :   Float where total >= 0.0
                  items: list[Item]

                  currency: String
                end
                """, """
                record Invoice
                  id:    String where length(id) >= 6
                  total: Float  where total >= 0.0
                  items: list[Item]

                  currency: String
                end
                """);
    }

    @Test
    void keepsTheTextOfWhereConstraintsBecauseValidationReportsIt() {
        formats("""
                record Limit
                  n: Int where n>0  and n<10   # small
                  m: Int where m >0 and   # positive
                             m<  100
                end
                """, """
                record Limit
                  n: Int where n>0  and n<10 # small
                  m: Int where m >0 and   # positive
                    m<  100
                end
                """);
    }

    @Test
    void alignsTheArrowsOfOneLineMatchArms() {
        formats("""
                cell f(r: result[Int, String]) -> Int
                  match r
                    ok(n) -> return n
                    err("timeout") -> return -1
                    err(_) -> return 0
                  end
                end
                """, """
                cell f(r: result[Int, String]) -> Int
                  match r
                    ok(n)          -> return n
                    err("timeout") -> return -1
                    err(_)         -> return 0
                  end
                end
                """);
    }

    @Test
    void keepsCommentsAndAlignsTrailingOnesOnConsecutiveLines() {
        formats("""
                # A comment above a declaration
                cell f() -> Int   # the header
                      # inside the body
                  let a = 1 # one
                  let bb = 22      # two
                  # before the end
                  return a#no space before
                # at the end of the body
                end
                """, """
                # A comment above a declaration
                cell f() -> Int # the header
                  # inside the body
                  let a = 1   # one
                  let bb = 22 # two
                  # before the end
                  return a #no space before
                  # at the end of the body
                end
                """);
    }

    @Test
    void putsABlankLineAroundBlockDeclarationsAndKeepsAtMostOne() {
        formats("""


                use tool http.get as HttpGet
                grant HttpGet domain "example.com"
                record A
                  n: Int
                end
                # about B
                record B
                  n: Int
                end



                cell f() -> Int
                  let a = 1


                  return a
                end
                use tool llm.chat as Chat


                """, """
                use tool http.get as HttpGet
                grant HttpGet domain "example.com"

                record A
                  n: Int
                end

                # about B
                record B
                  n: Int
                end

                cell f() -> Int
                  let a = 1

                  return a
                end

                use tool llm.chat as Chat
                """);
    }

    @Test
    void indentsGrantContinuationLinesOneLevel() {
        formats("""
                use tool http.get as HttpGet
                grant HttpGet
                          domain "api.example.com"
                 timeout_ms 5000 rate_limit 10 per_minute
                grant HttpGet max_response_bytes 10 timeout_ms -5
                """, """
                use tool http.get as HttpGet
                grant HttpGet
                  domain "api.example.com"
                  timeout_ms 5000 rate_limit 10 per_minute
                grant HttpGet max_response_bytes 10 timeout_ms -5
                """);
    }

    @Test
    void movesRoleTextWithItsHeaderAndKeepsItsContent() {
        formats("""
                cell f(text: String) -> String
                  return Chat(
                          role system:
                                  You extract invoices.
                                    Indented more, trailing space kept:\s\s


                                  {text}
                          end,
                    role user: "Extract: {text}"
                  )
                end
                """, """
                cell f(text: String) -> String
                  return Chat(
                    role system:
                      You extract invoices.
                        Indented more, trailing space kept:\s\s


                      {text}
                    end,
                    role user: "Extract: {text}"
                  )
                end
                """);
    }

    @Test
    void keepsKeywordsUsedAsNames() {
        formats("""
                record Message
                  role: String
                  if: Int
                end
                cell f(m: Message) -> Int
                  let r = Message {role: "user", if: 1}
                  return g(match: r.if)
                end
                """, """
                record Message
                  role: String
                  if:   Int
                end

                cell f(m: Message) -> Int
                  let r = Message { role: "user", if: 1 }
                  return g(match: r.if)
                end
                """);
    }

    @Test
    void leavesStringsAndNumbersAsWritten() {
        formats("""
                cell f() -> String
                  let n = 1_000 + 2.5e-3
                  return "a  {  n }  \\t  b"
                end
                """, """
                cell f() -> String
                  let n = 1_000 + 2.5e-3
                  return "a  {  n }  \\t  b"
                end
                """);
    }

    @Test
    void replacesTabsAndRemovesTrailingWhiteSpace() {
        formats("cell f() -> Int\n\tlet a = 1\t\t\n\t\treturn a   \nend\n", """
                cell f() -> Int
                  let a = 1
                  return a
                end
                """);
    }

    @Test
    void changesNothingOutsideLumenBlocks() {
        String prose = """
                ---
                title:   front   matter
                ---
                @lumen 1
                @cache    on

                Some   *prose*   with trailing spaces.\s\s
                ```python
                def  f( x ):   return x
                ```

                    indented   code   block

                ```lumen extra words
                cell  f()->Int
                  return 1
                end
                ```
                ~~~text
                cell  g()->Int
                ~~~
                Closing   prose, no final newline""";
        String expected = prose.replace("cell  f()->Int", "cell f() -> Int");
        assertEquals(expected, format(prose));
    }

    @Test
    void keepsCrlfLineEndingsAndTheMissingFinalNewline() {
        String crlf = "# Doc\r\n\r\n```lumen\r\ncell f()->Int\r\n\treturn 1\r\nend\r\n```\r\n";
        assertEquals("# Doc\r\n\r\n```lumen\r\ncell f() -> Int\r\n  return 1\r\nend\r\n```\r\n", format(crlf));
        String open = "```lumen\ncell f()->Int\n  return 1\nend";
        assertEquals("```lumen\ncell f() -> Int\n  return 1\nend", format(open));
    }

    @Test
    void keepsTheContainerOfABlockInAQuoteOrAList() {
        String quoted = "> ```lumen\n> cell f()->Int\n>\n>\n>       return 1\n> end\n> ```\n";
        assertEquals("> ```lumen\n> cell f() -> Int\n>\n>   return 1\n> end\n> ```\n", format(quoted));
        String listed = "- item\n\n  ```lumen\n  cell f()->Int\n        return 1\n  end\n  ```\n";
        assertEquals("- item\n\n  ```lumen\n  cell f() -> Int\n    return 1\n  end\n  ```\n", format(listed));
    }

    @Test
    void aBlockIndentedLessThanItsFenceTakesTheFencesIndentation() {
        assertEquals("  ```lumen\n  cell f() -> Int\n    return 1\n  end\n  ```\n",
                format("  ```lumen\n cell f()->Int\nreturn 1\n end\n  ```\n"));
        assertEquals(">```lumen\n> cell f() -> Int\n>   return 1\n> end\n>```\n",
                format(">```lumen\n>cell f()->Int\n>return 1\n>end\n>```\n"));
    }

    @Test
    void aBlockThatCannotBeWrittenBackFaithfullyIsKeptAsWritten() {
        // A tab after a quote marker is partly taken by the marker: no prefix gives CommonMark the laid-out lines.
        String text = ">\t```lumen\n>\tcell f()->Int\n>\t  return 1\n>\tend\n>\t```\n";
        FormatResult.Formatted f = formatted(text);
        assertEquals(List.of(Span.of(1, 3, 11)), f.keptAsWritten());
        assertEquals(text, f.text());
        assertFalse(f.changed());
    }

    @Test
    void aDocumentWithSyntaxErrorsIsRefusedWithTheDiagnosticsCheckReports() {
        String text = block("cell f( -> Int\n  return 1\nend\n") + "\n```lumen\ncell g()->Int\n  return 1\nend\n```\n";
        FormatResult r = Formatter.format(new SourceFile("doc.lm.md", text));
        FormatResult.Refused refused = assertInstanceOf(FormatResult.Refused.class, r);
        List<Diagnostic> check = FrontEnd.check(new SourceFile("doc.lm.md", text)).diagnostics();
        assertFalse(refused.diagnostics().isEmpty());
        assertTrue(check.containsAll(refused.diagnostics()), () -> refused.diagnostics() + " not in " + check);
    }

    @Test
    void directiveErrorsDoNotStopFormattingAndDirectivesStayAsWritten() {
        String directives = "@lumen   2\n@cach on\n\n";
        assertEquals(directives + block("cell f() -> Int\n  return 1\nend\n"),
                format(directives + block("cell f()->Int\nreturn 1\nend\n")));
    }

    @Test
    void typeErrorsDoNotStopFormatting() {
        assertEquals(block("cell f() -> Int\n  return \"text\"\nend\n"), format(block("cell f()->Int\n return \"text\"\nend\n")));
    }

    @Test
    void editsReplaceTheChangedBlocksOnlyAndGiveTheFormattedText() {
        String text = "# A\n\n```lumen\ncell f()->Int\n  return 1\nend\n```\n\n```lumen\ncell g() -> Int\n  return 2\nend\n```\n";
        FormatResult.Formatted f = formatted(text);
        assertEquals(1, f.edits().size());
        BlockEdit e = f.edits().get(0);
        assertEquals(text.indexOf("cell f"), e.start());
        assertEquals(text.indexOf("```\n\n```lumen"), e.end());
        assertEquals(new Span(4, 1, 7, 1), e.range());
        assertEquals("cell f() -> Int\n  return 1\nend\n", e.newText());
        assertEquals(text.substring(0, e.start()) + e.newText() + text.substring(e.end()), f.text());
        assertFalse(formatted(f.text()).changed());
    }

    @Test
    void aFormattedDocumentHasNoEdits() {
        FormatResult.Formatted f = formatted(block("cell f() -> Int\n  return 1\nend\n"));
        assertFalse(f.changed());
        assertEquals(List.of(), f.edits());
    }
}
