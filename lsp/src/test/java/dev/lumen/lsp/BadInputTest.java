package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Random;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TypeDefinitionParams;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.junit.jupiter.api.Test;

/**
 * Input no editor should send, and some it will: the server answers each with an empty answer, a diagnostic or
 * a short error, and goes on serving; the client never sees a stack trace, and neither does its log.
 */
class BadInputTest {
    private static final String SMALL = "```lumen\ncell f() -> Int\n  return 1\nend\n```\n";

    @Test
    void aBinaryFileGetsDiagnosticsAndAnswers() {
        Random random = new Random(17);
        StringBuilder bytes = new StringBuilder("```lumen\n");
        for (int i = 0; i < 20_000; i++) {
            bytes.append((char) random.nextInt(0x10000)); // NULs, control characters, lone surrogates
        }
        bytes.append("\n```\n");
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/binary.lm.md";
            assertFalse(session.open(uri, bytes.toString()).getDiagnostics().isEmpty());
            assertNotNull(session.symbols(uri));
            assertNotNull(session.tokens(uri));
            assertNotNull(session.lenses(uri));
            assertAnswersAt(session, uri, new Position(0, 0), new Position(1, 5000), new Position(1, 19_999));
            assertStillServing(session);
        }
    }

    @Test
    void aFiveMegabyteDocumentIsChecked() {
        // Four megabytes of prose and one of code: a megabyte of cells takes the front end a few seconds to check.
        StringBuilder doc = new StringBuilder("# Big\n\n");
        for (int i = 0; doc.length() < 4_000_000; i++) {
            doc.append("Paragraph ").append(i).append(" says what the cells below do, at some length.\n\n");
        }
        doc.append("```lumen\n");
        for (int i = 0; doc.length() < 5_000_000; i++) {
            doc.append("cell c").append(i).append("(n: Int) -> Int\n  return n + ").append(i).append("\nend\n\n");
        }
        doc.append("cell last() -> Int\n  return nope\nend\n```\n");
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/big.lm.md";
            PublishDiagnosticsParams published = session.open(uri, doc.toString());
            assertEquals(List.of("E0013"), published.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList());
            assertEquals(1, session.symbols(uri).size());
            assertStillServing(session);
        }
    }

    @Test
    void tenThousandNestedBracketsAreADiagnostic() {
        String nested = "(".repeat(10_000) + "1" + ")".repeat(10_000);
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/nested.lm.md";
            PublishDiagnosticsParams published = session.open(uri,
                    "```lumen\ncell f() -> Int\n  return " + nested + "\nend\n```\n");
            assertTrue(published.getDiagnostics().stream().anyMatch(d -> d.getCode().getLeft().equals("E0051")),
                    published.getDiagnostics().toString());
            assertNotNull(session.tokens(uri));
            assertNotNull(session.symbols(uri));
            assertAnswersAt(session, uri, new Position(2, 9), new Position(2, 5000), new Position(2, 10_009));
            assertStillServing(session);
        }
    }

    @Test
    void anEditPastTheEndOfALineOrOfTheDocumentLandsAtThatEnd() {
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/past.lm.md";
            session.open(uri, SMALL);
            PublishDiagnosticsParams lineEnd = session.change(uri,
                    new Range(new Position(2, 500), new Position(2, 900)), " + nope");
            assertEquals(new Range(new Position(2, 13), new Position(2, 17)),
                    DiagnosticsTest.only(lineEnd).getRange());
            PublishDiagnosticsParams docEnd = session.change(uri,
                    new Range(new Position(99, 0), new Position(120, 7)), "```lumen\ncell g() -> Int\n  return zz\nend\n```\n");
            assertEquals(2, docEnd.getDiagnostics().size());
            assertEquals(new Range(new Position(7, 9), new Position(7, 11)), docEnd.getDiagnostics().get(1).getRange());
            PublishDiagnosticsParams backwards = session.change(uri,
                    new Range(new Position(-3, -1), new Position(-1, 0)), "");
            assertEquals(2, backwards.getDiagnostics().size(), "an empty edit at the start changes nothing");
            assertStillServing(session);
        }
    }

    @Test
    void requestsForAPositionPastTheEndGetEmptyAnswers() {
        try (LspSession session = LspSession.start()) {
            String uri = "file:///tmp/past.lm.md";
            session.open(uri, SMALL);
            var text = session.server().getTextDocumentService();
            var id = new TextDocumentIdentifier(uri);
            for (Position p : List.of(new Position(9999, 9999), new Position(0, 9999), new Position(-1, -1))) {
                assertNull(LspSession.await(text.hover(new HoverParams(id, p))));
                assertTrue(LspSession.await(text.definition(new org.eclipse.lsp4j.DefinitionParams(id, p)))
                        .getLeft().isEmpty());
                assertNull(LspSession.await(text.signatureHelp(new org.eclipse.lsp4j.SignatureHelpParams(id, p))));
                assertNotNull(LspSession.await(text.completion(new org.eclipse.lsp4j.CompletionParams(id, p))));
            }
            assertNoStackTraces(session);
            assertStillServing(session);
        }
    }

    @Test
    void aRequestTheServerDoesNotOfferIsAShortError() {
        try (LspSession session = LspSession.start()) {
            session.open("file:///tmp/h.lm.md", SMALL);
            var typeDefinition = session.server().getTextDocumentService().typeDefinition(new TypeDefinitionParams(
                    new TextDocumentIdentifier("file:///tmp/h.lm.md"), new Position(0, 0)));
            try {
                LspSession.await(typeDefinition);
            } catch (AssertionError expected) {
                // an error response, examined below
            }
            assertNoStackTraces(session);
            assertTrue(session.errorResponses().stream().anyMatch(e -> e.getAsJsonObject("error").get("code")
                    .getAsInt() == ResponseErrorCode.MethodNotFound.getValue()), session.errorResponses().toString());
            assertStillServing(session);
        }
    }

    @Test
    void requestsForDocumentsThatAreNotOpenGetEmptyAnswers() {
        try (LspSession session = LspSession.start()) {
            assertEquals(List.of(), session.symbols("file:///tmp/never-opened.lm.md"));
            assertEquals(List.of(), session.tokens("file:///tmp/never-opened.lm.md").getData());
            assertEquals(List.of(), session.lenses("file:///tmp/never-opened.lm.md"));
        }
    }

    @Test
    void malformedMessagesGetShortErrorsAndTheServerCarriesOn() {
        try (LspSession session = LspSession.start()) {
            ResponseMessage wrongType = LspSession.await(session.sendRaw("raw-1", """
                    {"jsonrpc":"2.0","id":"raw-1","method":"textDocument/documentSymbol","params":{"textDocument":5}}"""));
            ResponseMessage badArguments = LspSession.await(session.sendRaw("raw-2", """
                    {"jsonrpc":"2.0","id":"raw-2","method":"workspace/executeCommand",
                     "params":{"command":"lumen.runCell","arguments":"x"}}"""));
            ResponseMessage noParams = LspSession.await(session.sendRaw("raw-3", """
                    {"jsonrpc":"2.0","id":"raw-3","method":"textDocument/semanticTokens/full"}"""));
            ResponseMessage unknown = LspSession.await(session.sendRaw("raw-4", """
                    {"jsonrpc":"2.0","id":"raw-4","method":"lumen/nope","params":{}}"""));
            session.sendRaw(null, """
                    {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":7},
                     "contentChanges":[{"range":"x","text":5}]}}""");
            session.sendRaw(null, """
                    {"jsonrpc":"2.0","method":"textDocument/didOpen"}""");
            session.sendRaw(null, "{not json at all");
            for (ResponseMessage answer : List.of(wrongType, badArguments, noParams, unknown)) {
                assertTrue(answer.getError() != null || answer.getResult() != null || answer == noParams,
                        answer.toString());
            }
            assertEquals(ResponseErrorCode.MethodNotFound.getValue(), unknown.getError().getCode());
            assertStillServing(session);
            assertNoStackTraces(session);
        }
    }

    /** The server still opens, checks and answers. */
    static void assertStillServing(LspSession session) {
        String uri = "file:///tmp/still-" + System.nanoTime() + ".lm.md";
        assertEquals(List.of(), session.open(uri, SMALL).getDiagnostics());
        assertEquals(1, session.symbols(uri).size());
        assertFalse(session.serving().isDone(), "the server stopped");
    }

    /** Every request about a position is answered (maybe emptily) without a failure in the server. */
    static void assertAnswersAt(LspSession session, String uri, Position... positions) {
        var text = session.server().getTextDocumentService();
        var id = new TextDocumentIdentifier(uri);
        for (Position p : positions) {
            LspSession.await(text.hover(new HoverParams(id, p)));
            assertNotNull(LspSession.await(text.definition(new org.eclipse.lsp4j.DefinitionParams(id, p))));
            assertNotNull(LspSession.await(text.references(new org.eclipse.lsp4j.ReferenceParams(id, p,
                    new org.eclipse.lsp4j.ReferenceContext(true)))));
            assertNotNull(LspSession.await(text.documentHighlight(new org.eclipse.lsp4j.DocumentHighlightParams(id, p))));
            assertNotNull(LspSession.await(text.completion(new org.eclipse.lsp4j.CompletionParams(id, p))));
            LspSession.await(text.signatureHelp(new org.eclipse.lsp4j.SignatureHelpParams(id, p)));
        }
        assertFalse(session.log().contains("internal error"), session.log());
    }

    static void assertNoStackTraces(LspSession session) {
        for (JsonObject error : session.errorResponses()) {
            JsonObject e = error.getAsJsonObject("error");
            assertNull(e.get("data"), error.toString());
            assertFalse(e.get("message").getAsString().contains("Exception"), error.toString());
        }
        assertFalse(session.log().contains("\tat "), session.log());
    }
}
