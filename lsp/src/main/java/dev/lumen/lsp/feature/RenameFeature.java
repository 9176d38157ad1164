package dev.lumen.lsp.feature;

import dev.lumen.language.ide.RenameResult;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * {@code textDocument/prepareRename} and {@code textDocument/rename}: a cell, record, field, enum, variant,
 * binding, parameter or tool alias renamed at its declaration and every use. A rename the front end refuses
 * (a built-in, a name taken, not a name) is a {@code RequestFailed} error whose message the client shows.
 */
public final class RenameFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setRenameProvider(new RenameOptions(true));
    }

    public Either3<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepare(
            OpenDocument document, Position at) {
        RenameResult result = answered(document.analysis().prepareRename(document.offset(at)));
        return Either3.forFirst(Ranges.of(result.target()));
    }

    public WorkspaceEdit rename(OpenDocument document, Position at, String newName) {
        RenameResult result = answered(document.analysis().rename(document.offset(at), newName == null ? "" : newName));
        List<TextEdit> edits = result.edits().stream()
                .map(e -> new TextEdit(Ranges.of(e.span()), e.text())).toList();
        return new WorkspaceEdit(Map.of(document.uri(), edits));
    }

    private static RenameResult answered(RenameResult result) {
        if (result.isRefused()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed, result.refusal(), null));
        }
        return result;
    }
}
