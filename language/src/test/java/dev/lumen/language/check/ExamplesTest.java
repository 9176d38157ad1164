package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import org.junit.jupiter.api.Test;

/** The complete examples of the blueprint check cleanly (with the fixes the spec records). */
class ExamplesTest {

    static final String INVOICE = """
            record Invoice
              id:       String  where length(id) >= 6
              vendor:   String  where length(vendor) >= 1
              total:    Float   where total >= 0.0
              currency: String  where currency in ["USD", "EUR", "GBP"]
              items:    list[LineItem]
            end

            record LineItem
              description: String
              quantity:    Int    where quantity > 0
              unit_price:  Float  where unit_price >= 0.0
            end

            use tool llm.chat as Chat
            grant Chat model "claude-sonnet-4-20250514" max_tokens 2000 temperature 0.0

            cell extract(text: String) -> result[Invoice, ValidationError]
              let response = Chat(
                role system:
                  You are a strict JSON invoice extractor.
                  Return only valid JSON matching the Invoice schema.
                  Do not include any explanation.
                end,
                role user:
                  Extract the invoice from this text:
                  {text}
                end
              ) expect schema Invoice

              return ok(response)
            end

            cell run(text: String) -> Invoice
              let result = extract(text)
              match result
                ok(invoice) -> return invoice
                err(e)      -> halt("Validation failed: " + e.message)
              end
            end
            """;

    @Test
    void invoiceAgent() {
        Checked c = Checked.clean(INVOICE);
        CellInfo extract = c.checked().cell("extract");
        assertEquals("result[Invoice, ValidationError]", extract.returnType().toString());
        assertEquals(true, extract.callsTools());
        Stmt.Let let = (Stmt.Let) extract.decl().body().statements().get(0);
        assertEquals("Invoice", c.checked().typeOf(let.value()).toString());
        Expr.Call chat = (Expr.Call) ((Expr.Expect) let.value()).value();
        assertEquals(Type.STRING, c.checked().typeOf(chat));
        CallTarget.Tool tool = assertInstanceOf(CallTarget.Tool.class, c.checked().callTarget(chat));
        assertEquals("llm.chat", tool.alias().toolId());
        assertEquals(RecordType.ROLE_TEXT, c.checked().typeOf(chat.args().get(0).value()));
        assertEquals(3, tool.alias().grants().get("").size());
        RecordInfo invoice = c.checked().symbols().record("Invoice");
        assertEquals(Type.BOOL, c.checked().typeOf(invoice.fields().get(3).constraint()));
        CellInfo run = c.checked().cell("run");
        assertEquals(4, run.locals().size()); // text, result, invoice, e
    }

    static final String TICKETS = """
            record EmailAddress
              local: String where length(local) >= 1 and matches(local, "^[^@]+$")
              domain: String where matches(domain, "^[a-zA-Z0-9.-]+\\\\.[a-zA-Z]{2,}$")
            end

            enum Priority
              Low
              Medium
              High
              Critical
            end

            record Ticket
              id:       String   where length(id) >= 6
              title:    String   where length(title) >= 1 and length(title) <= 200
              priority: Priority
              assignee: EmailAddress | Null
            end

            cell triage(data: String) -> Ticket
              let result = validate(schema Ticket, data)
              match result
                ok(ticket) -> return ticket
                err(errors) -> halt("invalid ticket: {errors.message}")
              end
            end

            cell urgent(ticket: Ticket) -> Bool
              match ticket.priority
                Priority.High -> return true
                Priority.Critical -> return true
                _ -> return false
              end
            end

            cell strict(data: String) -> Ticket
              let ticket = data expect schema Ticket
              match ticket.assignee
                email: EmailAddress -> halt("already assigned to {email.local}@{email.domain}")
                null -> return ticket
              end
            end
            """;

    @Test
    void ticketSchemas() {
        Checked c = Checked.clean(TICKETS);
        Type assignee = c.checked().symbols().record("Ticket").type().fields().get("assignee");
        assertEquals("EmailAddress | Null", assignee.toString());
    }

    static final String HTTP = """
            use tool http.get as HttpGet
            grant HttpGet
              domain "api.example.com"
              domain "api.backup.com"
              timeout_ms 5000
              rate_limit 10 per_minute
              max_response_bytes 1048576

            use tool mcp "https://mcp.notion.com/sse" as Notion
            grant Notion.create_page workspace "my-workspace" timeout_ms 15000

            cell fetch_data(url: String) -> Bytes
              let response = HttpGet(url: url)
              match response.status
                200 -> return response.body
                _   -> halt("HTTP error: {response.status}")
              end
            end

            cell note(title: String) -> Json
              return Notion.create_page(title: title)
            end
            """;

    @Test
    void httpFetch() {
        Checked c = Checked.clean(HTTP);
        ToolAlias http = c.checked().symbols().tool("HttpGet");
        assertEquals(5, http.grants().get("").size());
        assertEquals("{status: Int, body: Bytes, headers: map[String, String]}", http.signature().output().toString());
        ToolAlias notion = c.checked().symbols().tool("Notion");
        assertEquals(2, notion.grants().get("create_page").size());
        Decl.Cell note = c.checked().cell("note").decl();
        Expr.Call call = (Expr.Call) ((Stmt.Return) note.body().statements().get(0)).value();
        assertEquals(new CallTarget.McpTool(notion, "create_page"), c.checked().callTarget(call));
    }
}
