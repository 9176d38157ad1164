package dev.lumen.lsp;

import dev.lumen.lsp.feature.CodeActionsFeature;
import dev.lumen.lsp.feature.CodeLensFeature;
import dev.lumen.lsp.feature.CompletionFeature;
import dev.lumen.lsp.feature.DefinitionFeature;
import dev.lumen.lsp.feature.DiagnosticsFeature;
import dev.lumen.lsp.feature.DocumentSymbolsFeature;
import dev.lumen.lsp.feature.FormattingFeature;
import dev.lumen.lsp.feature.HighlightsFeature;
import dev.lumen.lsp.feature.HoverFeature;
import dev.lumen.lsp.feature.ReferencesFeature;
import dev.lumen.lsp.feature.RenameFeature;
import dev.lumen.lsp.feature.RunCommands;
import dev.lumen.lsp.feature.SemanticTokensFeature;
import dev.lumen.lsp.feature.SignatureHelpFeature;
import dev.lumen.lsp.run.ChildProcesses;
import dev.lumen.lsp.text.Documents;
import java.util.concurrent.Executor;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;

/**
 * The server's features, each one class in {@code feature/}, registered here and nowhere else: this is where
 * a feature gets its instance and advertises its capability. A feature joins the same way: a class in
 * {@code feature/}, a field and a {@code register} call here, and a route in {@link LumenTextDocumentService}.
 */
final class Features {
    final DiagnosticsFeature diagnostics;
    final DocumentSymbolsFeature symbols = new DocumentSymbolsFeature();
    final SemanticTokensFeature semanticTokens = new SemanticTokensFeature();
    final CodeLensFeature codeLenses = new CodeLensFeature();
    final FormattingFeature formatting = new FormattingFeature();
    final CodeActionsFeature codeActions;
    final RunCommands commands;
    final DefinitionFeature definition = new DefinitionFeature();
    final ReferencesFeature references = new ReferencesFeature();
    final HighlightsFeature highlights = new HighlightsFeature();
    final RenameFeature rename = new RenameFeature();
    final HoverFeature hover = new HoverFeature();
    final CompletionFeature completion = new CompletionFeature();
    final SignatureHelpFeature signatureHelp = new SignatureHelpFeature();

    Features(ServerSettings settings, Documents documents, ChildProcesses children, Executor commandExecutor) {
        this.diagnostics = new DiagnosticsFeature(settings.links());
        this.codeActions = new CodeActionsFeature(diagnostics);
        this.commands = new RunCommands(settings.lumen(), children, settings.commandTimeout(), settings.outputLimit(),
                commandExecutor, documents::latest);
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
        definition.register(capabilities);
        references.register(capabilities);
        highlights.register(capabilities);
        rename.register(capabilities);
        hover.register(capabilities);
        completion.register(capabilities);
        signatureHelp.register(capabilities);
        return capabilities;
    }
}
