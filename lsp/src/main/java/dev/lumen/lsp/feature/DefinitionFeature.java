package dev.lumen.lsp.feature;

import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ServerCapabilities;

/**
 * {@code textDocument/definition}: where the cell, record, field, enum, variant, binding, parameter or tool
 * alias at the cursor is declared; nothing for a built-in or a place that names nothing.
 */
public final class DefinitionFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setDefinitionProvider(true);
    }

    public List<Location> definition(OpenDocument document, Position at) {
        return document.analysis().definition(document.offset(at))
                .map(span -> List.of(new Location(document.uri(), Ranges.of(span)))).orElse(List.of());
    }
}
