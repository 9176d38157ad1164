package dev.lumen.lsp;

import dev.lumen.lsp.feature.DiagnosticsFeature;
import dev.lumen.lsp.protocol.Boundary;
import dev.lumen.lsp.text.Documents;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The {@code textDocument/*} routes: text synchronisation (incremental), diagnostics pushed after each change,
 * and the requests each answered by one feature. A request for a document that is not open, or one whose
 * parameters lack what it needs, gets an empty answer.
 */
final class LumenTextDocumentService implements TextDocumentService {
    private final Features features;
    private final Documents documents;
    private final Boundary boundary;
    private final Executor analysis;
    private volatile LanguageClient client;

    LumenTextDocumentService(Features features, Documents documents, Boundary boundary, Executor analysis) {
        this.features = features;
        this.documents = documents;
        this.boundary = boundary;
        this.analysis = analysis;
    }

    void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        boundary.notification("textDocument/didOpen", () -> {
            var item = params.getTextDocument();
            documents.open(item.getUri(), item.getVersion(), item.getText());
            check(item.getUri());
        });
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        boundary.notification("textDocument/didChange", () -> {
            var id = params.getTextDocument();
            if (documents.change(id.getUri(), id.getVersion(),
                    params.getContentChanges() == null ? List.of() : params.getContentChanges())) {
                check(id.getUri());
            }
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        boundary.notification("textDocument/didClose", () -> {
            String uri = params.getTextDocument().getUri();
            documents.close(uri);
            // After any check still queued for it, so that nothing is published for it afterwards.
            boundary.later("clearing diagnostics", analysis, () -> publish(DiagnosticsFeature.cleared(uri)));
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The open text is what is checked; saving changes nothing the server sees.
    }

    /**
     * Brings {@code uri} up to date on the analysis thread and publishes its diagnostics, unless they were
     * published already: the changes queued before it ran are checked once, and the checks queued for them
     * after it publish nothing, so edits that come faster than checks are coalesced.
     */
    private void check(String uri) {
        boundary.later("textDocument/publishDiagnostics", analysis, () -> {
            OpenDocument document = documents.current(uri);
            if (document != null && documents.publish(document)) {
                publish(features.diagnostics.of(document));
            }
        });
    }

    /** Loads every open document's project again and re-checks the document against it. */
    void projectsChanged() {
        documents.projectsChanged();
        documents.uris().forEach(this::check);
    }

    private void publish(org.eclipse.lsp4j.PublishDiagnosticsParams diagnostics) {
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(diagnostics);
        }
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        return request("textDocument/documentSymbol", params == null ? null : params.getTextDocument(),
                document -> {
                    List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
                    features.symbols.symbols(document).forEach(s -> out.add(Either.forRight(s)));
                    return out;
                }, List.of());
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return request("textDocument/semanticTokens/full", params == null ? null : params.getTextDocument(),
                features.semanticTokens::tokens, new SemanticTokens(List.of()));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return request("textDocument/codeLens", params == null ? null : params.getTextDocument(),
                features.codeLenses::lenses, List.of());
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return request("textDocument/formatting", params == null ? null : params.getTextDocument(),
                features.formatting::format, List.of());
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> rangeFormatting(DocumentRangeFormattingParams params) {
        return request("textDocument/rangeFormatting", params == null ? null : params.getTextDocument(),
                document -> params.getRange() == null ? List.of() : features.formatting.format(document,
                        params.getRange()), List.of());
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return request("textDocument/codeAction", params == null ? null : params.getTextDocument(),
                document -> {
                    List<Either<Command, CodeAction>> out = new ArrayList<>();
                    features.codeActions.actions(document, params).forEach(a -> out.add(Either.forRight(a)));
                    return out;
                }, List.of());
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return at("textDocument/definition", params, (d, p) -> Either.forLeft(features.definition.definition(d, p)),
                Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declaration = params != null && params.getContext() != null
                && params.getContext().isIncludeDeclaration();
        return at("textDocument/references", params,
                (d, p) -> features.references.references(d, p, declaration), List.of());
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return at("textDocument/documentHighlight", params, features.highlights::highlights, List.of());
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return at("textDocument/prepareRename", params, features.rename::prepare, null);
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        String name = params == null ? null : params.getNewName();
        return at("textDocument/rename", params, (d, p) -> features.rename.rename(d, p, name), null);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return at("textDocument/hover", params, features.hover::hover, null);
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return at("textDocument/completion", params, (d, p) -> Either.forRight(features.completion.completion(d, p)),
                Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        return at("textDocument/signatureHelp", params, features.signatureHelp::signatureHelp, null);
    }

    /** Answers with {@code feature} at the position {@code params} names in its open document, or {@code empty}. */
    private <T> CompletableFuture<T> at(String method, TextDocumentPositionParams params,
            BiFunction<OpenDocument, Position, T> feature, T empty) {
        Position position = params == null ? null : params.getPosition();
        return request(method, params == null ? null : params.getTextDocument(),
                document -> position == null ? empty : feature.apply(document, position), empty);
    }

    /** Answers with {@code feature} of the open document {@code id} names, or {@code empty}. */
    private <T> CompletableFuture<T> request(String method, TextDocumentIdentifier id,
            Function<OpenDocument, T> feature, T empty) {
        return boundary.request(method, analysis, () -> {
            OpenDocument document = documents.current(id == null ? null : id.getUri());
            return document == null ? empty : feature.apply(document);
        }, empty);
    }
}
