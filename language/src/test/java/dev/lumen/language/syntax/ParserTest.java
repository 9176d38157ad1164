package dev.lumen.language.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static Snippets.Parsed clean(String code) {
        Snippets.Parsed p = Snippets.parse(code);
        assertEquals(List.of(), p.diagnostics(), "unexpected diagnostics");
        return p;
    }

    @Test
    void invoiceExampleParses() {
        Snippets.Parsed p = clean("""
                record Invoice
                  id:       String  where length(id) >= 6
                  currency: String  where currency in ["USD", "EUR", "GBP"]
                  items:    list[LineItem]
                end

                use tool llm.chat as Chat
                grant Chat model "claude-sonnet-4-20250514" max_tokens 2000 temperature 0.0

                cell extract(text: String) -> result[Invoice, ValidationError]
                  let response = Chat(
                    role system:
                      You are a strict JSON invoice extractor.
                      Return only valid JSON matching the Invoice schema.
                    end,
                    role user:
                      Extract the invoice from this text:
                      {text}
                    end
                  ) expect schema Invoice

                  return response
                end

                cell run(text: String) -> Invoice
                  let result = extract(text)
                  match result
                    ok(invoice) -> return invoice
                    err(e)      -> halt("Validation failed: " + e.message)
                  end
                end
                """);
        List<Decl> decls = p.program().decls();
        assertEquals(5, decls.size());
        Decl.Record invoice = (Decl.Record) decls.get(0);
        assertEquals(3, invoice.fields().size());
        assertInstanceOf(Expr.Binary.class, invoice.fields().get(1).constraint());
        Decl.Grant grant = (Decl.Grant) decls.get(2);
        assertEquals(List.of("model", "max_tokens", "temperature"),
                grant.clauses().stream().map(c -> c.key().name()).toList());
        Decl.Cell extract = (Decl.Cell) decls.get(3);
        Stmt.Let let = (Stmt.Let) extract.body().statements().get(0);
        Expr.Expect expect = (Expr.Expect) let.value();
        Expr.Call call = (Expr.Call) expect.value();
        Expr.Role system = (Expr.Role) call.args().get(0).value();
        assertEquals("You are a strict JSON invoice extractor.\nReturn only valid JSON matching the Invoice schema.",
                ((Expr.Text) system.text().parts().get(0)).text());
        Expr.Role user = (Expr.Role) call.args().get(1).value();
        assertEquals(2, user.text().parts().size());
        assertInstanceOf(Expr.Interp.class, user.text().parts().get(1));
        Stmt.Match match = (Stmt.Match) ((Decl.Cell) decls.get(4)).body().statements().get(1);
        assertEquals(2, match.arms().size());
    }

    @Test
    void multiLineGrantContinuesOnDeeperIndentedLines() {
        Snippets.Parsed p = clean("""
                use tool http.get as HttpGet
                grant HttpGet
                  domain "api.example.com"
                  domain "api.backup.com"
                  timeout_ms 5000
                  rate_limit 10 per_minute
                  max_response_bytes 1048576

                # Import an MCP tool
                use tool mcp "https://mcp.notion.com/sse" as Notion
                grant Notion.create_page workspace "my-workspace" timeout_ms 15000
                """);
        Decl.Grant http = (Decl.Grant) p.program().decls().get(1);
        assertEquals(5, http.clauses().size());
        assertEquals(List.of(10L, "per_minute"), http.clauses().get(3).values().stream()
                .map(Decl.GrantValue::value).toList());
        Decl.UseTool notion = (Decl.UseTool) p.program().decls().get(2);
        assertEquals("https://mcp.notion.com/sse", notion.mcpServer().name());
        Decl.Grant page = (Decl.Grant) p.program().decls().get(3);
        assertEquals("create_page", page.tool().name());
    }

    @Test
    void precedenceFollowsTheSpec() {
        Snippets.Parsed p = clean("""
                cell f(a: Int, b: Int) -> Bool
                  return not a + b * 2 > 3 and b == 1 or false
                end
                """);
        Stmt.Return ret = (Stmt.Return) ((Decl.Cell) p.program().decls().get(0)).body().statements().get(0);
        Expr.Binary or = (Expr.Binary) ret.value();
        assertEquals(Expr.BinaryOp.OR, or.op());
        Expr.Binary and = (Expr.Binary) or.left();
        Expr.Unary not = (Expr.Unary) and.left();
        Expr.Binary gt = (Expr.Binary) not.operand();
        assertEquals(Expr.BinaryOp.GT, gt.op());
        Expr.Binary add = (Expr.Binary) gt.left();
        assertEquals(Expr.BinaryOp.MUL, ((Expr.Binary) add.right()).op());
    }

    @Test
    void interpolationOnlyStartsBeforeALetter() {
        Snippets.Parsed p = clean("""
                record EmailAddress
                  domain: String where matches(domain, "^[a-zA-Z0-9.-]+\\\\.[a-zA-Z]{2,}$")
                end
                cell f(n: Int) -> String
                  return "json {\\"a\\": 1} and {n} and \\{n}"
                end
                """);
        Decl.Record r = (Decl.Record) p.program().decls().get(0);
        Expr.Call matches = (Expr.Call) r.fields().get(0).constraint();
        Expr.Str pattern = (Expr.Str) matches.args().get(1).value();
        assertEquals(List.of(new Expr.Text("^[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$")), pattern.parts());
        Stmt.Return ret = (Stmt.Return) ((Decl.Cell) p.program().decls().get(1)).body().statements().get(0);
        List<Expr.StrPart> parts = ((Expr.Str) ret.value()).parts();
        assertEquals(new Expr.Text("json {\"a\": 1} and "), parts.get(0));
        assertInstanceOf(Expr.Interp.class, parts.get(1));
        assertEquals(new Expr.Text(" and {n}"), parts.get(2));
    }

    @Test
    void statementsOfEveryKind() {
        Snippets.Parsed p = clean("""
                enum Priority
                  Low
                  High
                end
                cell f(xs: list[Int], m: map[String, Int], p: Priority) -> Int
                  let mut total = 0
                  for x in xs
                    if x > 2
                      total = total + x
                    else if x == 0
                      total = total - 1
                    else
                      total = total * 1
                    end
                  end
                  for k, v in m
                    total = total + v
                  end
                  let point = Point { x: 1, y: -2 }
                  let names = {"a": 1, "b": 2}
                  match p
                    Priority.Low -> return 0
                    High ->
                      let y = xs[0]
                      return y
                    end
                  end
                end
                """);
        Decl.Cell cell = (Decl.Cell) p.program().decls().get(1);
        assertEquals(6, cell.body().statements().size());
        Stmt.If ifs = (Stmt.If) ((Stmt.For) cell.body().statements().get(1)).body().statements().get(0);
        assertEquals(2, ifs.branches().size());
        assertTrue(ifs.otherwise() != null);
        assertInstanceOf(Expr.RecordLit.class, ((Stmt.Let) cell.body().statements().get(3)).value());
        Stmt.Match match = (Stmt.Match) cell.body().statements().get(5);
        assertEquals(2, match.arms().get(1).body().statements().size());
    }

    @Test
    void typesParseOnTheirOwn() {
        TypeExpr t = Parser.parseType("map[String, list[Int | Null]]");
        assertInstanceOf(TypeExpr.MapOf.class, t);
        assertNull(Parser.parseType("map[String"));
    }

    @Test
    void oneRunReportsEveryIndependentError() {
        Snippets.Parsed p = Snippets.parse("""
                cell a() -> Int
                  let x = (1 + 
                  let y = 2
                  return y
                end
                cell b() -> Int
                  let = 3
                  return 4
                end
                record R
                  name String
                end
                """);
        List<Diagnostic> d = p.diagnostics();
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.stream().allMatch(x -> x.code() == Code.E0007));
        assertEquals(8, d.get(1).span().line());
        assertEquals(7, d.get(1).span().column());
        assertEquals(3, p.program().decls().size());
    }

    @Test
    void missingEndIsReportedOnceAtTheOpener() {
        Snippets.Parsed p = Snippets.parse("""
                cell a() -> Int
                  if true
                    return 1
                  return 2
                end
                cell b() -> Int
                  return 3
                end
                """);
        List<Diagnostic> d = p.diagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(Code.E0008, d.get(0).code());
        assertEquals(3, d.get(0).span().line(), "the `if` is unclosed: the `end` lines up with `cell`");
        assertEquals(3, d.get(0).span().column());
        assertEquals(2, p.program().decls().size());
    }

    @Test
    void unclosedRoleTextIsReported() {
        Snippets.Parsed p = Snippets.parse("""
                cell a() -> String
                  let m = role user:
                    hello
                """);
        assertTrue(p.diagnostics().stream().anyMatch(d -> d.code() == Code.E0005), p.diagnostics().toString());
    }

    @Test
    void lexicalErrors() {
        Snippets.Parsed p = Snippets.parse("""
                cell a() -> String
                  let s = "abc\\q"
                  let n = 99999999999999999999
                  let t = "open
                  let u = !true
                  let f = 1e999
                end
                """);
        assertEquals(List.of(Code.E0003, Code.E0004, Code.E0002, Code.E0001, Code.E0004),
                p.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(15, p.diagnostics().get(0).span().column());
    }

    @Test
    void errorsInsideInterpolationsPointIntoTheMarkdown() {
        Snippets.Parsed p = Snippets.parse("""
                cell a(name: String) -> String
                  let m = role user:
                      Dear {name +},
                    end
                  return "x {name ) y"
                end
                """);
        List<Diagnostic> d = p.diagnostics();
        assertEquals(2, d.size(), d.toString());
        assertEquals("expected an expression, found `}`", d.get(0).message());
        assertEquals(4, d.get(0).span().line());
        assertEquals(19, d.get(0).span().column());
        assertEquals(Code.E0006, d.get(1).code());
        assertEquals(6, d.get(1).span().line());
        assertEquals(13, d.get(1).span().column());
    }

    @Test
    void roleTextDropsCommonIndentationAndKeepsRelativeIndentation() {
        Snippets.Parsed p = clean("""
                cell a() -> String
                  let m = role system:

                      Rules:
                        - be brief # not a comment
                      \\end is written like this

                    end
                  return m.content
                end
                """);
        Stmt.Let let = (Stmt.Let) ((Decl.Cell) p.program().decls().get(0)).body().statements().get(0);
        Expr.Role role = (Expr.Role) let.value();
        assertEquals(List.of(new Expr.Text("Rules:\n  - be brief # not a comment\nend is written like this")),
                role.text().parts());
    }

    @Test
    void compositeExpressionsSpanTheirParentheses() {
        Snippets.Parsed p = clean("""
                cell f(a: Int, b: Int) -> Int
                  return (a + b) / b
                end
                """);
        Stmt.Return ret = (Stmt.Return) ((Decl.Cell) p.program().decls().get(0)).body().statements().get(0);
        assertEquals(10, ret.value().span().column(), "the division starts at its `(`");
    }
}
