package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `lumen` polyglot language: documents and LIR modules in, module objects and Lumen values out. */
class LumenLanguageTest {
    @TempDir
    Path dir;

    static final String INVOICES = """
            # Invoices

            Some prose first.

            ```lumen
            enum Status
              Paid
              Open
            end

            record Invoice
              id: String
              total: Float
              status: Status
              tags: list[String]
            end

            cell total(invoices: list[Invoice]) -> Float
              let mut sum = 0.0
              for inv in invoices
                sum = sum + inv.total
              end
              return sum
            end

            cell make(id: String, total: Float) -> Invoice
              return Invoice { id: id, total: total, status: Status.Open, tags: ["new"] }
            end

            cell ratio(a: Int, b: Int) -> Int
              return a / b
            end

            cell run() -> map[String, Int]
              let mut counts: map[String, Int] = {}
              counts["b"] = 2
              counts["a"] = ratio(10, 5)
              return counts
            end
            ```
            """;

    static Context context() {
        return Context.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false").build();
    }

    static Value eval(Context ctx, String name, String text) {
        return ctx.eval(Source.newBuilder(LumenLanguage.ID, text, name).buildLiteral());
    }

    @Test
    void aDocumentEvaluatesToItsCells() {
        try (Context ctx = context()) {
            Value module = eval(ctx, "invoices.lm.md", INVOICES);
            assertEquals(java.util.Set.of("total", "make", "ratio", "run"), module.getMemberKeys());
            Value inv = module.getMember("make").execute("INV-1", 12.5);
            assertEquals("INV-1", inv.getMember("id").asString());
            assertEquals("Open", inv.getMember("status").asString());
            assertEquals("new", inv.getMember("tags").getArrayElement(0).asString());
            Value counts = module.getMember("run").execute();
            assertEquals(2, counts.getHashValue("a").asInt());
            assertEquals(12.5 + 7.5, module.getMember("total").execute(org.graalvm.polyglot.proxy.ProxyArray.fromArray(inv,
                module.getMember("make").execute("INV-2", 7.5))).asDouble(), 1e-9);
        }
    }

    @Test
    void hostObjectsAreConvertedByTheParameterTypes() {
        try (Context ctx = context()) {
            Value module = eval(ctx, "invoices.lm.md", INVOICES);
            Object invoice = ProxyObject.fromMap(Map.of("id", "X", "total", 3, "status", "Paid",
                    "tags", org.graalvm.polyglot.proxy.ProxyArray.fromArray("a")));
            assertEquals(3.0, module.getMember("total").execute(org.graalvm.polyglot.proxy.ProxyArray.fromArray(invoice)).asDouble());
        }
    }

    @Test
    void runtimeErrorsPointIntoTheMarkdown() {
        try (Context ctx = context()) {
            Value module = eval(ctx, "invoices.lm.md", INVOICES);
            PolyglotException e = assertThrows(PolyglotException.class, () -> module.getMember("ratio").execute(1, 0));
            assertEquals("division by zero: 1 / 0", e.getMessage());
            int line = lineOf(INVOICES, "return a / b");
            assertEquals(line, e.getSourceLocation().getStartLine());
            Value guest = e.getGuestObject();
            assertEquals("invoices.lm.md", guest.getMember("file").asString());
            assertEquals(line, guest.getMember("line").asInt());
            assertEquals("return a / b".indexOf("a / b") + "  ".length() + 1, guest.getMember("column").asInt());
            assertEquals("ratio", guest.getMember("stack").getArrayElement(0).getHashValue("cell").asString());
        }
    }

    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void withoutAStoreTheRunsOfAContextShareItsRateWindows() {
        // The host is not granted, so no call reaches the network; each is still counted before it is refused.
        String fetching = """
                ```lumen
                use tool http.get as Fetch
                grant Fetch domain "api.example.com" rate_limit 2 per_minute

                cell run() -> Int
                  return Fetch(url: "https://not-granted.example/").status
                end
                ```
                """;
        for (int context = 0; context < 2; context++) {
            try (Context ctx = context()) {
                Value module = eval(ctx, "fetch.lm.md", fetching);
                for (int run = 0; run < 2; run++) {
                    PolyglotException e = assertThrows(PolyglotException.class, () -> module.getMember("run").execute());
                    assertTrue(e.getMessage().contains("(domain)"), e.getMessage());
                }
                PolyglotException third = assertThrows(PolyglotException.class, () -> module.getMember("run").execute());
                assertEquals("`Fetch` (http.get) is not allowed by its grant (rate_limit): `Fetch` was already called"
                        + " 2 times in the last minute (rate_limit 2 per_minute)", third.getMessage());
            }
        }
    }

    @Test
    void compileErrorsAreSyntaxErrorsWithRenderedDiagnostics() {
        try (Context ctx = context()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> eval(ctx, "bad.lm.md", """
                    ```lumen
                    cell run() -> Int
                      return "seven"
                    end
                    ```
                    """));
            assertTrue(e.isSyntaxError());
            assertTrue(e.getMessage().startsWith("error[E0012]: mismatched types\n"), e.getMessage());
            assertTrue(e.getMessage().contains("--> bad.lm.md:3:10"), e.getMessage());
            assertTrue(e.getMessage().endsWith("error: could not compile `bad.lm.md` due to 1 previous error\n"), e.getMessage());
        }
    }

    @Test
    void warningsGoToTheContextsStandardError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Context ctx = Context.newBuilder(LumenLanguage.ID).err(err).option("engine.WarnInterpreterOnly", "false").build()) {
            Value module = eval(ctx, "warn.lm.md", """
                    ```lumen
                    cell run() -> Int
                      let unused = 1
                      return 2
                    end
                    ```
                    """);
            assertEquals(2, module.getMember("run").execute().asInt());
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("warning[W0002]"), text);
        assertTrue(text.contains("warning: `warn.lm.md` generated 1 warning"), text);
    }

    @Test
    void lirModulesRunFromFilesAndNameTheirDocumentInErrors() throws IOException {
        Compilation compilation = FrontEnd.compile(new SourceFile("invoices.lm.md", INVOICES));
        Path lir = Files.writeString(dir.resolve("invoices.lir.json"), LirJson.write(compilation.module()));
        try (Context ctx = Context.newBuilder(LumenLanguage.ID).allowIO(org.graalvm.polyglot.io.IOAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            Source source = Source.newBuilder(LumenLanguage.ID, lir.toFile()).build();
            assertEquals(LumenLanguage.LIR_MIME, source.getMimeType());
            Value module = ctx.eval(source);
            assertEquals(2, module.getMember("run").execute().getHashValue("b").asInt());
            PolyglotException e = assertThrows(PolyglotException.class, () -> module.getMember("ratio").execute(1, 0));
            assertEquals("invoices.lm.md", e.getGuestObject().getMember("file").asString());
            assertEquals(lineOf(INVOICES, "return a / b"), e.getGuestObject().getMember("line").asInt());
        }
    }

    @Test
    void malformedModulesAreSyntaxErrors() {
        try (Context ctx = context()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> ctx.eval(Source.newBuilder(LumenLanguage.ID,
                    "{\"version\": \"1.0.0\"}", "broken.lir.json").mimeType(LumenLanguage.LIR_MIME).buildLiteral()));
            assertTrue(e.isSyntaxError());
            assertTrue(e.getMessage().startsWith("`broken.lir.json` is not a valid LIR module:\n  "), e.getMessage());
        }
    }

    @Test
    void documentsAreRecognizedByName() throws IOException {
        Path doc = Files.writeString(dir.resolve("hello.lm.md"), "```lumen\ncell run() -> String\n  return \"hi\"\nend\n```\n");
        assertEquals(LumenLanguage.ID, Source.findLanguage(doc.toFile()));
        assertEquals(LumenLanguage.DOCUMENT_MIME, Source.findMimeType(doc.toFile()));
        assertFalse(LumenLanguage.ID.equals(Source.findLanguage(Files.writeString(dir.resolve("notes.md"), "# hi").toFile())));
        try (Context ctx = Context.newBuilder(LumenLanguage.ID).allowIO(org.graalvm.polyglot.io.IOAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            assertEquals("hi", ctx.eval(Source.newBuilder(LumenLanguage.ID, doc.toFile()).build()).getMember("run").execute().asString());
        }
    }
}
