package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.junit.jupiter.api.Test;

/** initialize, shutdown and exit, and what the server says it offers. */
class LifecycleTest {

    @Test
    void initializeAdvertisesTheFeaturesAndTheCommands() {
        try (LspSession session = LspSession.start()) {
            ServerCapabilities c = session.initialized.getCapabilities();
            assertEquals(TextDocumentSyncKind.Incremental, c.getTextDocumentSync().getRight().getChange());
            assertTrue(c.getTextDocumentSync().getRight().getOpenClose());
            assertEquals(List.of("lumen.runCell", "lumen.showTrace"), c.getExecuteCommandProvider().getCommands());
            assertTrue(c.getDocumentSymbolProvider().getLeft());
            assertEquals(false, c.getCodeLensProvider().getResolveProvider());
            var legend = c.getSemanticTokensProvider().getLegend();
            assertEquals(List.of("keyword", "type", "struct", "enum", "enumMember", "function", "method", "property",
                    "parameter", "variable", "namespace", "string", "number", "operator", "comment", "decorator"),
                    legend.getTokenTypes());
            assertEquals(List.of("declaration", "defaultLibrary"), legend.getTokenModifiers());
            assertEquals("lumen", session.initialized.getServerInfo().getName());
            assertTrue(c.getHoverProvider().getLeft());
            assertTrue(c.getDefinitionProvider().getLeft());
            assertTrue(c.getReferencesProvider().getLeft());
            assertTrue(c.getDocumentHighlightProvider().getLeft());
            assertTrue(c.getRenameProvider().getRight().getPrepareProvider());
            assertEquals(List.of(".", "@"), c.getCompletionProvider().getTriggerCharacters());
            assertEquals(List.of("(", ","), c.getSignatureHelpProvider().getTriggerCharacters());
            assertTrue(c.getDocumentFormattingProvider().getLeft());
            assertTrue(c.getDocumentRangeFormattingProvider().getLeft());
            assertTrue(c.getCodeActionProvider() != null);
        }
    }

    @Test
    void shutdownThenExitEndsWithStatusZero() {
        try (LspSession session = LspSession.start()) {
            assertEquals(0, session.shutdown());
        }
    }

    @Test
    void exitWithoutShutdownEndsWithStatusOne() {
        try (LspSession session = LspSession.start()) {
            session.server().exit();
            assertEquals(1, LspSession.await(session.serving()));
        }
    }

    @Test
    void aClientThatGoesAwayEndsTheServerWithStatusOne() {
        LspSession session = LspSession.start();
        session.close();
        assertEquals(1, LspSession.await(session.serving()));
    }
}
