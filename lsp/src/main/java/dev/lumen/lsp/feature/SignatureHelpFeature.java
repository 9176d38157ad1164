package dev.lumen.lsp.feature;

import dev.lumen.lsp.text.OpenDocument;
import java.util.List;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.SignatureInformation;

/**
 * {@code textDocument/signatureHelp}: inside a call to a cell, tool or intrinsic, its signature with the
 * argument the cursor is at; asked for as {@code (} and {@code ,} are typed. Null outside a call.
 */
public final class SignatureHelpFeature {
    static final List<String> TRIGGERS = List.of("(", ",");

    public void register(ServerCapabilities capabilities) {
        capabilities.setSignatureHelpProvider(new SignatureHelpOptions(TRIGGERS));
    }

    public SignatureHelp signatureHelp(OpenDocument document, Position at) {
        return document.analysis().signatureHelp(document.offset(at)).map(help -> {
            SignatureInformation signature = new SignatureInformation(help.label());
            if (help.documentation() != null && !help.documentation().isEmpty()) {
                signature.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, help.documentation()));
            }
            signature.setParameters(help.parameters().stream().map(ParameterInformation::new).toList());
            return new SignatureHelp(List.of(signature), 0, help.activeParameter() < 0 ? null : help.activeParameter());
        }).orElse(null);
    }
}
