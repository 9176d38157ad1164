package dev.lumen.lsp.feature;

import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ServerCapabilities;

/**
 * {@code textDocument/hover}, in Markdown: a symbol's description (a cell's signature, a record's or enum's shape,
 * a binding's type, an intrinsic's signature and doc, a tool's manifest summary and the limits its grant sets),
 * else the type of the innermost expression at the cursor; null where there is nothing to say.
 */
public final class HoverFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setHoverProvider(true);
    }

    public Hover hover(OpenDocument document, Position at) {
        return document.analysis().hover(document.offset(at))
                .map(h -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, h.markdown()), Ranges.of(h.range())))
                .orElse(null);
    }
}
