package dev.lumen.language.check;

import static dev.lumen.language.check.Checked.at;
import static dev.lumen.language.check.Checked.help;
import static dev.lumen.language.check.Checked.secondary;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.runtime.tools.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool imports, calls and grants: E0040–E0046. */
class ToolsTest {

    @Test
    void unknownToolIdSuggestsABundledTool() {
        Checked c = Checked.of("""
                use tool http.gett as HttpGet
                use tool teleport.now as Beam
                """);
        List<Diagnostic> ds = c.all(Code.E0040);
        assertEquals(2, ds.size());
        at(ds.get(0), 1, 10, 19);
        assertEquals("unknown tool `http.gett`", ds.get(0).message());
        assertEquals("no bundled tool has this id", ds.get(0).label());
        help(ds.get(0), "did you mean `http.get`?");
        help(ds.get(1), "the bundled tools are `http.get`, `http.post`, `llm.chat`, `fs.read`, `fs.write`, "
                + "`json.parse` and `json.emit`");
    }

    @Test
    void callsThroughAnUnknownToolAreNotReportedAgain() {
        Checked c = Checked.of("""
                use tool http.gett as HttpGet
                grant HttpGet domain "a.com"
                cell f() -> Int
                  return HttpGet(url: "x").status
                end
                """);
        assertEquals(1, c.diagnostics().size(), Checked.render(c.diagnostics()));
    }

    @Test
    void callWithoutGrantShowsAGrantLine() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                cell f(url: String) -> Int
                  let a = HttpGet(url: url)
                  let b = HttpGet(url: url)
                  return a.status + b.status
                end
                """);
        Diagnostic d = c.only(Code.E0041);
        at(d, 3, 11, 18);
        assertEquals("tool `HttpGet` is called without a grant", d.message());
        assertEquals("no `grant HttpGet` in this document", d.label());
        secondary(d, 1, "imported here");
        help(d, "grant it after its `use tool` line: `grant HttpGet domain \"api.example.com\" timeout_ms 5000`");
    }

    @Test
    void mcpToolsAreGrantedOneByOne() {
        Checked c = Checked.of("""
                use tool mcp "http://localhost:3000/mcp" as Gh
                grant Gh timeout_ms 5
                grant Gh.list_issues timeout_ms 5000
                cell f() -> Json
                  let issues = Gh.list_issues(repo: "acme/app")
                  let created = Gh.create_issue(title: "x")
                  return Gh("x")
                end
                """);
        Diagnostic wholeServer = c.all(Code.E0042).get(0);
        at(wholeServer, 2, 7, 9);
        assertEquals("`Gh` is an MCP server; grants name its tools one by one", wholeServer.message());
        assertEquals("no tool named", wholeServer.label());
        help(wholeServer, "grant each tool you call: `grant Gh.list_issues timeout_ms 5` and "
                + "`grant Gh.create_issue timeout_ms 5`");
        assertEquals(List.of(), c.all(Code.E0041), "the call of `Gh.create_issue` is not an echo of the grant");
    }

    @Test
    void aServerGrantTakesTheClausesOfTheSession() {
        Checked c = Checked.clean("""
                use tool mcp "https://docs.example.com/mcp" as Docs
                use tool llm.chat as Chat
                grant Chat model "m"
                grant Docs elicitation "defaults" roots "./data" roots "./out"
                grant Docs oauth "authorization_code" client_id "lumen" client_secret_env "DOCS_SECRET"
                grant Docs scope "read write" client_metadata_url "https://example.com/c.json" sampling "Chat"
                grant Docs.search timeout_ms 1000
                cell find(q: String) -> Json
                  return Docs.search(query: q)
                end
                """);
        ToolAlias docs = c.checked().symbols().tool("Docs");
        assertEquals(List.of("elicitation", "roots", "roots", "oauth", "client_id", "client_secret_env", "scope",
                "client_metadata_url", "sampling"), docs.grants().get("").stream().map(ToolAlias.GrantedClause::key)
                .toList());
    }

    @Test
    void aServerClauseValueIsCheckedAgainstWhatItTakes() {
        Checked c = Checked.of("""
                use tool mcp "https://docs.example.com/mcp" as Docs
                grant Docs elicitation "default"
                grant Docs bearer_env "sk-live-123"
                grant Docs client_metadata_url "http://example.com/c.json"
                grant Docs oauth "client_credentials" oauth "authorization_code"
                grant Docs roots 3
                """);
        List<Diagnostic> wrong = c.all(Code.E0044);
        assertEquals(4, wrong.size(), Checked.render(c.diagnostics()));
        at(wrong.get(0), 2, 24, 33);
        assertEquals("not one of the values `elicitation` takes", wrong.get(0).label());
        help(wrong.get(0), "did you mean `defaults`?");
        assertEquals("not the name of an environment variable", wrong.get(1).label());
        assertEquals("not an https:// URL", wrong.get(2).label());
        assertEquals("expected a string, found an integer", wrong.get(3).label());
        assertEquals(1, c.all(Code.E0045).size(), Checked.render(c.diagnostics()));
        Diagnostic twice = c.all(Code.E0045).get(0);
        assertEquals("`oauth` is granted more than once for `Docs`", twice.message());
    }

    @Test
    void authorizationClausesMustFitTogether() {
        Checked c = Checked.of("""
                use tool mcp "https://docs.example.com/mcp" as Docs
                use tool mcp "https://wiki.example.com/mcp" as Wiki
                use tool mcp "https://jobs.example.com/mcp" as Jobs
                grant Docs scope "read"
                grant Wiki oauth "client_credentials" client_id "lumen"
                grant Jobs oauth "cross_app_access" id_token_env "IDP_TOKEN" client_metadata_url "https://a.example/c.json"
                """);
        List<Diagnostic> ds = c.all(Code.E0053);
        assertEquals(4, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("`scope` does not fit the grant of `Docs`", ds.get(0).message());
        at(ds.get(0), 4, 12, 24);
        assertEquals("`scope` takes effect only with `oauth`", ds.get(0).label());
        help(ds.get(0), "say how the client is authorized, e.g. `oauth \"authorization_code\"`");
        assertEquals("`oauth` \"client_credentials\" needs the client's secret or key", ds.get(1).label());
        assertEquals("`oauth` \"cross_app_access\" needs the client's `client_id` at the authorization server",
                ds.get(2).label());
        assertEquals("`client_metadata_url` has no use with `oauth \"cross_app_access\"`", ds.get(3).label());
    }

    @Test
    void aProcessServerTakesNoAuthorization() {
        Checked c = Checked.of("""
                use tool mcp "npx @modelcontextprotocol/server-memory" as Memory
                grant Memory bearer_env "TOKEN"
                """);
        Diagnostic d = c.only(Code.E0053);
        assertEquals("`bearer_env` authorizes HTTP requests, and this server is a process (stdio)", d.label());
        help(d, "remove it: a stdio server takes its credentials from its environment, not from a grant");
    }

    @Test
    void samplingNamesAGrantedLlmChatImport() {
        Checked c = Checked.of("""
                use tool mcp "https://docs.example.com/mcp" as Docs
                use tool llm.chat as Chat
                grant Chat model "m"
                use tool llm.chat as Draft
                use tool http.get as Fetch
                grant Fetch domain "example.com"
                grant Docs sampling "Caht"
                use tool mcp "https://wiki.example.com/mcp" as Wiki
                grant Wiki sampling "Fetch"
                use tool mcp "https://notes.example.com/mcp" as Notes
                grant Notes sampling "Draft"
                use tool mcp "https://todo.example.com/mcp" as Todo
                grant Todo sampling "Chat"
                """);
        List<Diagnostic> wrong = c.all(Code.E0054);
        assertEquals(3, wrong.size(), Checked.render(c.diagnostics()));
        at(wrong.get(0), 7, 21, 27);
        assertEquals("`sampling` names `Caht`, which is not a granted `llm.chat` import", wrong.get(0).message());
        assertEquals("no tool is imported as `Caht`", wrong.get(0).label());
        help(wrong.get(0), "did you mean `Chat`?");
        assertEquals("`Fetch` is `http.get`, not a model", wrong.get(1).label());
        help(wrong.get(1), "name `Chat`");
        assertEquals("`Draft` has no grant", wrong.get(2).label());
        help(wrong.get(2), "grant the model the server may use: `grant Draft model \"…\"`");
    }

    @Test
    void aToolClauseInAServerGrantStillNamesTheTools() {
        Checked c = Checked.of("""
                use tool mcp "https://docs.example.com/mcp" as Docs
                grant Docs bearer_env "DOCS_TOKEN" timeout_ms 5
                cell find(q: String) -> Json
                  return Docs.search(query: q)
                end
                """);
        Diagnostic d = c.only(Code.E0042);
        help(d, "name the tool you call: `grant Docs.search timeout_ms 5`");
        Checked.note(d, "a grant of the server itself takes only the clauses of its session: `elicitation`, `roots`");
        assertEquals(List.of("bearer_env"), c.checked().symbols().tool("Docs").grants().get("").stream()
                .map(ToolAlias.GrantedClause::key).toList(), "the server clause beside it is granted");
    }

    @Test
    void aWholeServerGrantNamesEveryToolCalled() {
        Checked c = Checked.of("""
                use tool mcp "https://mcp.notion.com/sse" as Notion
                grant Notion timeout_ms 15000 parent "root"
                use tool mcp "http://localhost:3000/mcp" as Gh
                grant Gh
                cell note(title: String) -> Json
                  let _page = Notion.create_page(title: title)
                  let _found = Notion.search(query: title)
                  return Notion.create_page(title: "again")
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(2, ds.size(), Checked.render(ds));
        at(ds.get(0), 2, 7, 13);
        help(ds.get(0), "grant each tool you call: `grant Notion.create_page timeout_ms 15000 parent \"root\"` and "
                + "`grant Notion.search timeout_ms 15000 parent \"root\"`");
        at(ds.get(1), 4, 7, 9);
        help(ds.get(1), "grant each tool you call: `grant Gh.<tool> timeout_ms 10000`");
    }

    @Test
    void callsOfAnAliasWhoseGrantIsMisspeltAreNotReportedAgain() {
        Checked c = Checked.of("""
                use tool llm.chat as Chat
                grant Caht model "claude-sonnet-4-20250514" max_tokens 1000
                use tool mcp "http://x" as Notion
                grant Notoin.create_page timeout_ms 5
                cell ask(question: String) -> String
                  let _page = Notion.create_page(title: question)
                  let _other = Notion.search(query: question)
                  return Chat(role user: question)
                end
                """);
        List<Diagnostic> ds = c.diagnostics();
        assertEquals(3, ds.size(), Checked.render(ds));
        at(ds.get(0), 2, 7, 11);
        assertEquals(Code.E0042, ds.get(0).code());
        assertEquals("no tool alias named `Caht`", ds.get(0).message());
        help(ds.get(0), "did you mean `Chat`?");
        at(ds.get(1), 4, 7, 13);
        help(ds.get(1), "did you mean `Notion`?");
        assertEquals(Code.E0041, ds.get(2).code());
        assertEquals("tool `Notion.search` is called without a grant", ds.get(2).message());
    }

    @Test
    void mcpCallsWithoutGrantAndServerCalls() {
        Checked c = Checked.of("""
                use tool mcp "http://localhost:3000/mcp" as Gh
                grant Gh.list_issues timeout_ms 5000 repo "acme/app"
                cell f() -> Json
                  let issues = Gh.list_issues(repo: "acme/app")
                  let created = Gh.create_issue(title: "x")
                  return Gh("x")
                end
                """);
        Diagnostic ungranted = c.all(Code.E0041).get(0);
        assertEquals("tool `Gh.create_issue` is called without a grant", ungranted.message());
        help(ungranted, "grant it after its `use tool` line: `grant Gh.create_issue timeout_ms 10000`");
        Diagnostic server = c.all(Code.E0019).get(0);
        assertEquals("`Gh` is an MCP server, not a tool", server.message());
        assertEquals(2, c.diagnostics().stream().filter(Diagnostic::isError).count(), Checked.render(c.diagnostics()));
    }

    @Test
    void misspeltMcpToolSuggestsAGrantedOne() {
        Diagnostic d = Checked.of("""
                use tool mcp "http://x" as Notion
                grant Notion.create_page timeout_ms 5
                cell f() -> Json
                  return Notion.create_paeg(title: "x")
                end
                """).only(Code.E0041);
        help(d, "did you mean `Notion.create_page`?");
    }

    @Test
    void grantForAnUnknownAlias() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                grant HtpGet domain "x"
                grant Chat domain "y"
                """);
        List<Diagnostic> ds = c.all(Code.E0042);
        assertEquals(2, ds.size());
        at(ds.get(0), 2, 7, 13);
        assertEquals("no tool alias named `HtpGet`", ds.get(0).message());
        help(ds.get(0), "did you mean `HttpGet`?");
        help(ds.get(1), "import the tool first, e.g. `use tool http.get as Chat`");
    }

    @Test
    void grantNamingAToolOfANativeAlias() {
        Diagnostic d = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet.fetch domain "x"
                """).only(Code.E0042);
        assertEquals("`HttpGet` is the native tool `http.get`, which has no tools to name", d.message());
    }

    @Test
    void unsupportedAndUnknownClauses() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet model "x" domian "a.com"
                use tool json.parse as Parse
                grant Parse timeout_ms 5
                """);
        List<Diagnostic> ds = c.all(Code.E0043);
        assertEquals(3, ds.size());
        at(ds.get(0), 2, 15, 20);
        assertEquals("`http.get` does not support the grant clause `model`", ds.get(0).message());
        help(ds.get(0), "`http.get` supports `domain`, `timeout_ms`, `rate_limit`, `max_response_bytes` and `redact`");
        assertEquals("unknown grant clause `domian`", ds.get(1).message());
        help(ds.get(1), "did you mean `domain`?");
        help(ds.get(2), "`json.parse` takes no grant clauses; write `grant Parse` on its own");
    }

    @Test
    void clauseValuesOfTheWrongKind() {
        Checked c = Checked.of("""
                use tool llm.chat as Chat
                grant Chat model 5 temperature 0 max_tokens -1 rate_limit 10 token_budget 1.5
                grant Chat rate_limit 10 per_week
                """);
        List<Diagnostic> ds = c.all(Code.E0044);
        assertEquals(6, ds.size(), Checked.render(c.diagnostics()));
        assertEquals("wrong value for grant clause `model`", ds.get(0).message());
        assertEquals("expected a string, found an integer", ds.get(0).label());
        assertEquals("expected a float, found an integer", ds.get(1).label());
        help(ds.get(1), "write it with a fraction: `temperature 0.0`");
        assertEquals("`max_tokens` must be positive", ds.get(2).label());
        assertEquals("`rate_limit` needs a unit", ds.get(3).label());
        help(ds.get(3), "add its unit: `rate_limit 10 per_minute`");
        assertEquals("expected an integer, found a float", ds.get(4).label());
        assertEquals("unknown rate unit `per_week`", ds.get(5).label());
        help(ds.get(5), "use `per_second`, `per_minute`, `per_hour` or `per_day`");
    }

    @Test
    void grantValuesThatCanNeverMatchAreErrorsAtTheString() {
        Checked c = Checked.of("""
                use tool http.get as Fetch
                grant Fetch domain "*"
                grant Fetch domain "*.com"
                grant Fetch domain "http://localhost:8080/"
                grant Fetch domain "127.0.0.1:18080/ok"
                grant Fetch domain "::1"
                grant Fetch domain "api.*.example.com"
                grant Fetch domain "example.com:70000"
                grant Fetch domain "api.example.com" domain "API.Example.com." domain "*.example.com:8443"
                use tool fs.read as Read
                grant Read path "data/*.txt" path "~/notes" path "./data"
                use tool llm.chat as Chat
                grant Chat model "claude-*" model "gpt-4o-mini"
                """);
        List<Diagnostic> ds = c.all(Code.E0050);
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 11, 11, 13), ds.stream().map(d -> d.span().line() - 1).toList(),
                Checked.render(c.diagnostics()));
        assertEquals(c.diagnostics().size(), ds.size(), Checked.render(c.diagnostics()));
        at(ds.get(0), 2, 20, 23);
        assertEquals("`domain \"*\"` can never match", ds.get(0).message());
        assertEquals("`*` is not a host, and no value grants every host: name the hosts the program may reach",
                ds.get(0).label());
        assertEquals(List.of("a grant holding it refuses every call, whatever its other values allow"), ds.get(0).notes());
        help(ds.get(0), "a domain names a host: `example.com`, `*.example.com` or `example.com:8080`");
        assertEquals("a wildcard stands for the names below a domain of at least two labels, as in `*.example.com`",
                ds.get(1).label());
        help(ds.get(2), "write the host alone: `domain \"localhost:8080\"`");
        help(ds.get(3), "write the host alone: `domain \"127.0.0.1:18080\"`");
        help(ds.get(4), "write an IPv6 address in brackets: `domain \"[::1]\"`");
        assertEquals("`*` stands only for the first label of a wildcard, as in `*.example.com`", ds.get(5).label());
        assertEquals("`70000` is not a port (a number from 1 to 65535)", ds.get(6).label());
        at(ds.get(7), 11, 17, 29);
        help(ds.get(7), "grant the directory that holds the files: `path \"data\"`");
        assertEquals("the path starts with `~`, which is not expanded: it names a folder called `~`", ds.get(8).label());
        assertEquals("`model \"claude-*\"` can never match", ds.get(9).message());
    }

    @Test
    void argumentPinsOfMcpToolsAreNotHosts() {
        Checked c = Checked.of("""
                use tool mcp "stdio:server" as M
                grant M.fetch domain "*"
                """);
        assertEquals(List.of(), c.all(Code.E0050), Checked.render(c.diagnostics()));
    }

    @Test
    void structuredTakesTrueOrFalseAndOnlyLlmChatSupportsIt() {
        Checked ok = Checked.of("""
                use tool llm.chat as Chat
                grant Chat model "m" structured false
                """);
        assertEquals(List.of(), ok.diagnostics(), Checked.render(ok.diagnostics()));
        Diagnostic wrong = Checked.of("""
                use tool llm.chat as Chat
                grant Chat model "m" structured "off"
                """).only(Code.E0044);
        assertEquals("expected true or false, found a string", wrong.label());
        help(wrong, "write it as `structured false`");
        Diagnostic unsupported = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "a.com" structured true
                """).only(Code.E0043);
        assertEquals("`http.get` does not support the grant clause `structured`", unsupported.message());
    }

    @Test
    void limitsOverLongerWindowsAndBudgetUnits() {
        Checked ok = Checked.of("""
                use tool llm.chat as Chat
                grant Chat model "m" rate_limit 500 per_day token_budget 200000 per_day
                use tool llm.chat as Quick
                grant Quick model "m" rate_limit 60 per_hour token_budget 5000 per_run
                """);
        assertEquals(List.of(), ok.all(Code.E0044), Checked.render(ok.diagnostics()));
        Checked c = Checked.of("""
                use tool llm.chat as Chat
                grant Chat model "m" token_budget 1000 per_week
                """);
        Diagnostic d = c.all(Code.E0044).getFirst();
        at(d, 2, 40, 48);
        assertEquals("unknown budget unit `per_week`", d.label());
        help(d, "use `per_run` (the default) or a window: `per_second`, `per_minute`, `per_hour` or `per_day`");
    }

    @Test
    void aRedactValueThatStartsWithASlashMustBeAJsonPointer() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "a" redact "/body/token" redact "authorization" redact "/a~2b~"
                use tool mcp "http://x" as Gh
                grant Gh.search redact "/x~" redact "token" redact "/ok" redact "/x~1y"
                """);
        List<Diagnostic> ds = c.all(Code.E0044);
        assertEquals(2, ds.size(), Checked.render(c.diagnostics()));
        at(ds.get(0), 2, 77, 85);
        assertEquals("wrong value for grant clause `redact`", ds.get(0).message());
        assertEquals("not a JSON pointer: `~` must be followed by `0` or `1`", ds.get(0).label());
        Checked.note(ds.get(0), "a JSON pointer (RFC 6901) when the value starts with `/`");
        help(ds.get(0), "write `~` as `~0`: `redact \"/a~02b~0\"`");
        at(ds.get(1), 4, 24, 29);
        help(ds.get(1), "write `~` as `~0`: `redact \"/x~0\"`");
        assertEquals(List.of(), c.all(Code.E0045), "redact accumulates, for an MCP tool too");
        List<ToolAlias.GrantedClause> mcp = c.checked().symbols().tool("Gh").grants().get("search");
        assertEquals(List.of(Capability.REDACT, Capability.REDACT, Capability.REDACT),
                mcp.stream().map(ToolAlias.GrantedClause::capability).toList(), "not argument pins");
    }

    @Test
    void cacheTurnsTheCachingOfAnMcpToolOnOrOffAndPinsNothing() {
        Checked ok = Checked.of("""
                use tool mcp "stdio:server" as M
                grant M.read cache false
                grant M.write cache true timeout_ms 5000
                """);
        assertEquals(List.of(), ok.diagnostics(), Checked.render(ok.diagnostics()));
        List<ToolAlias.GrantedClause> read = ok.checked().symbols().tool("M").grants().get("read");
        assertEquals(List.of(new ToolAlias.GrantedClause("cache", null, List.of(false), read.getFirst().span())), read);

        Checked c = Checked.of("""
                use tool mcp "stdio:server" as M
                grant M.read cache "yes"
                grant M.list cache 0.5
                grant M.look cache 1
                grant M.find cache true
                grant M.find cache false
                """);
        List<Diagnostic> ds = c.all(Code.E0044);
        assertEquals(3, ds.size(), Checked.render(c.diagnostics()));
        at(ds.get(0), 2, 20, 25);
        assertEquals("wrong value for grant clause `cache`", ds.get(0).message());
        assertEquals("expected true or false, found a string", ds.get(0).label());
        Checked.note(ds.get(0), "it is not an argument pin");
        help(ds.get(0), "write `cache true` or `cache false`");
        assertEquals("expected true or false, found a float", ds.get(1).label());
        assertEquals("expected true or false, found an integer", ds.get(2).label());
        assertEquals(1, c.all(Code.E0045).size(), Checked.render(c.diagnostics()));
        Diagnostic repeated = c.all(Code.E0045).getFirst();
        at(repeated, 6, 14);
        assertEquals("`cache` is granted more than once for `M.find`", repeated.message());
    }

    @Test
    void repeatedClauses() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "a.com" domain "b.com" timeout_ms 5
                grant HttpGet timeout_ms 6
                """);
        Diagnostic d = c.only(Code.E0045);
        at(d, 3, 15);
        assertEquals("`timeout_ms` is granted more than once for `HttpGet`", d.message());
        secondary(d, 2, "first granted here");
        ToolAlias http = c.checked().symbols().tool("HttpGet");
        List<ToolAlias.GrantedClause> clauses = http.grants().get("");
        assertEquals(3, clauses.size());
        assertEquals(Capability.DOMAIN, clauses.get(0).capability());
        assertEquals(List.of(5L), clauses.get(2).values());
    }

    @Test
    void toolsAreOnlyCalled() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "a"
                use tool mcp "http://x" as Gh
                cell f() -> Null
                  let t = HttpGet
                  let u = Gh.create_issue
                  return
                end
                """);
        List<Diagnostic> ds = c.all(Code.E0046);
        assertEquals(2, ds.size());
        assertEquals("tool `HttpGet` can only be called", ds.get(0).message());
        help(ds.get(0), "call it: `HttpGet(…)`");
        assertEquals("tool `Gh.create_issue` can only be called", ds.get(1).message());
        help(ds.get(1), "call it: `Gh.create_issue(…)`");
    }

    @Test
    void nativeToolArguments() {
        Checked c = Checked.of("""
                use tool http.get as HttpGet
                grant HttpGet domain "a"
                cell f(u: String) -> Int
                  let a = HttpGet(u)
                  let b = HttpGet(ur: u)
                  let c = HttpGet(headers: null)
                  let d = HttpGet(url: 1)
                  let e = HttpGet(url: u, headers: {"Accept": "text/plain"})
                  return a.status + b.status + c.status + d.status + e.status
                end
                """);
        List<Diagnostic> e18 = c.all(Code.E0018);
        assertEquals(2, e18.size(), Checked.render(c.diagnostics()));
        assertEquals("tool arguments are named", e18.get(0).message());
        help(e18.get(0), "name the arguments: `HttpGet(url: u)`");
        assertEquals("tool `HttpGet` (`http.get`) has no input named `ur`", e18.get(1).message());
        help(e18.get(1), "did you mean `url`?");
        assertEquals(1, c.all(Code.E0017).size());
        Diagnostic missing = c.all(Code.E0017).get(0);
        assertEquals("tool `HttpGet` is missing input `url`", missing.message());
        assertEquals(1, c.all(Code.E0012).size());
    }

    @Test
    void chatTakesRoleMessages() {
        Checked c = Checked.of("""
                use tool llm.chat as Chat
                grant Chat model "m"
                cell f(s: String) -> String
                  let a = Chat(s)
                  let b = Chat(model: "x", role user: s)
                  let c = Chat()
                  return a + b + c
                end
                """);
        Diagnostic mismatch = c.all(Code.E0012).get(0);
        assertEquals("expected `RoleText`, found `String`", mismatch.label());
        help(mismatch, "make it a message: `role user: s`");
        Diagnostic named = c.all(Code.E0018).get(0);
        assertEquals("tool `Chat` takes messages in order, not named arguments", named.message());
        Diagnostic none = c.all(Code.E0017).get(0);
        assertEquals("tool `Chat` needs at least one role message", none.message());
    }

    @Test
    void fileAndJsonTools() {
        Checked.clean("""
                use tool fs.read as ReadFile
                use tool fs.write as WriteFile
                use tool json.parse as ParseJson
                use tool json.emit as EmitJson
                use tool http.post as Post
                grant ReadFile path "./data" max_response_bytes 65536
                grant WriteFile path "./out"
                grant ParseJson
                grant EmitJson
                grant Post domain "api.example.com" timeout_ms 5000 rate_limit 2 per_second

                record Config
                  name: String
                end

                cell run() -> Config
                  let text = ReadFile(path: "./data/config.json")
                  let json = ParseJson(text: text)
                  let config = json expect schema Config
                  WriteFile(path: "./out/config.json", content: EmitJson(value: json))
                  let reply = Post(url: "https://api.example.com/configs", body: text)
                  if reply.status != 201
                    halt("upload failed with status {reply.status}")
                  end
                  return config
                end
                """);
    }
}
