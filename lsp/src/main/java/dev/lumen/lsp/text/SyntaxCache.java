package dev.lumen.lsp.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The syntax of the documents asked about most recently, each parsed once per version. An editor asks for the
 * symbols, tokens and lenses of the few documents it shows, so a handful is kept, not one per open document:
 * with 100 large documents open, keeping every parse cost a couple of hundred megabytes.
 */
public final class SyntaxCache {
    private final Map<OpenDocument, Syntax> recent;

    public SyntaxCache(int size) {
        this.recent = new LinkedHashMap<>(size + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<OpenDocument, Syntax> eldest) {
                return size() > size;
            }
        };
    }

    synchronized Syntax of(OpenDocument document) {
        Syntax syntax = recent.get(document);
        if (syntax == null) {
            syntax = Syntax.of(document.source());
            recent.put(document, syntax);
        }
        return syntax;
    }
}
