package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.lumen.lsp.run.LumenExecutable;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.junit.jupiter.api.Test;

/** initialize, shutdown and exit, and what the server says it offers. */
class LifecycleTest {

    @Test
    void aClientThatAllowsItIsAskedToWatchTheLockFileAndTheProjectsToolManifests() throws Exception {
        ClientCapabilities capabilities = LspSession.capabilities(true);
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        capabilities.setWorkspace(workspace);
        try (LspSession session = LspSession.start(LspSession.settings(LumenExecutable.script(Path.of("/bin/false")),
                Duration.ofSeconds(20), 1 << 20), capabilities)) {
            Registration r = LspSession.await(session.registered()).getRegistrations().getFirst();
            assertEquals("workspace/didChangeWatchedFiles", r.getMethod());
            // As it came over the wire: {"watchers": [{"globPattern": "…"}, …]}.
            JsonObject options = (JsonObject) r.getRegisterOptions();
            List<PathMatcher> globs = options.getAsJsonArray("watchers").asList().stream()
                    .map(w -> w.getAsJsonObject().get("globPattern").getAsString())
                    .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
            assertEquals(2, globs.size());
            for (String file : List.of("app/.lumen/lock.json", "app/tools/ticket_store/tool.json")) {
                assertTrue(globs.stream().anyMatch(g -> g.matches(Path.of(file))), file + " is not watched");
            }
            assertFalse(globs.stream().anyMatch(g -> g.matches(Path.of("app/notes/tool.json.bak"))));
        }
    }

    @Test
    void aClientThatDoesNotAllowItIsNotAskedToWatchFiles() throws Exception {
        try (LspSession session = LspSession.start()) {
            session.symbols("file:///tmp/none.lm.md"); // a round trip after `initialized`
            assertFalse(session.registered().isDone());
        }
    }

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
