package dev.lumen.lsp.feature;

import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ServerCapabilities;

/** {@code textDocument/references}: every place the symbol at the cursor is named, its declaration when asked. */
public final class ReferencesFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setReferencesProvider(true);
    }

    public List<Location> references(OpenDocument document, Position at, boolean includeDeclaration) {
        return document.analysis().references(document.offset(at), includeDeclaration).stream()
                .map(span -> new Location(document.uri(), Ranges.of(span))).toList();
    }
}
