package dev.lumen.lsp.feature;

import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.List;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ServerCapabilities;

/** {@code textDocument/documentHighlight}: the symbol at the cursor, where it is declared (write) and used (read). */
public final class HighlightsFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setDocumentHighlightProvider(true);
    }

    public List<DocumentHighlight> highlights(OpenDocument document, Position at) {
        return document.analysis().highlights(document.offset(at)).stream()
                .map(o -> new DocumentHighlight(Ranges.of(o.span()),
                        o.definition() ? DocumentHighlightKind.Write : DocumentHighlightKind.Read))
                .toList();
    }
}
