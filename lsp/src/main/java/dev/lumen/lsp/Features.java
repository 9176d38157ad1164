package dev.lumen.lsp;

import dev.lumen.lsp.feature.CodeActionsFeature;
import dev.lumen.lsp.feature.CodeLensFeature;
import dev.lumen.lsp.feature.DiagnosticsFeature;
import dev.lumen.lsp.feature.DocumentSymbolsFeature;
import dev.lumen.lsp.feature.FormattingFeature;
import dev.lumen.lsp.feature.RunCommands;
import dev.lumen.lsp.feature.SemanticTokensFeature;
import dev.lumen.lsp.run.ChildProcesses;
import dev.lumen.lsp.text.Documents;
import java.util.concurrent.Executor;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;

/**
 * The server's features, each one class in {@code feature/}, registered here and nowhere else: this is where
 * a feature gets its instance and advertises its capability. Features to come (definition, references, rename,
 * hover, completion, signature help over the front end's semantic API; formatting with {@code lumen fmt}'s
 * formatter; code actions from the diagnostics' suggestions) join the same way: a class in {@code feature/}, a
 * field and a {@code register} call here, and a route in {@link LumenTextDocumentService}.
 */
final class Features {
    final DiagnosticsFeature diagnostics;
    final DocumentSymbolsFeature symbols = new DocumentSymbolsFeature();
    final SemanticTokensFeature semanticTokens = new SemanticTokensFeature();
    final CodeLensFeature codeLenses = new CodeLensFeature();
    final FormattingFeature formatting = new FormattingFeature();
    final CodeActionsFeature codeActions;
    final RunCommands commands;

    Features(ServerSettings settings, Documents documents, ChildProcesses children, Executor commandExecutor) {
        this.diagnostics = new DiagnosticsFeature(settings.links(), settings.environment());
        this.codeActions = new CodeActionsFeature(diagnostics);
        this.commands = new RunCommands(settings.lumen(), children, settings.commandTimeout(), settings.outputLimit(),
                commandExecutor, documents::get);
    }

    /** What the server offers a client with {@code client}'s capabilities. */
    ServerCapabilities capabilities(ClientCapabilities client) {
        diagnostics.clientCapabilities(client);
        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        capabilities.setTextDocumentSync(sync);
        symbols.register(capabilities);
        semanticTokens.register(capabilities);
        codeLenses.register(capabilities);
        formatting.register(capabilities);
        codeActions.register(capabilities);
        commands.register(capabilities);
        return capabilities;
    }
}
