package dev.lumen.lsp.text;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** The documents the client has open, by URI, each at its latest version. Safe to read from any thread. */
public final class Documents {
    /** How many documents' syntax is kept: those an editor shows, and some. */
    static final int SYNTAX_KEPT = 16;

    private final Map<String, OpenDocument> open = new ConcurrentHashMap<>();
    private final SyntaxCache syntaxes = new SyntaxCache(SYNTAX_KEPT);

    public OpenDocument open(String uri, int version, String text) {
        OpenDocument document = new OpenDocument(uri, version, text == null ? "" : text, syntaxes);
        open.put(uri, document);
        return document;
    }

    /** Applies {@code changes} to the open document {@code uri}; null when it is not open. */
    public OpenDocument change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        return open.computeIfPresent(uri, (u, document) -> document.edit(version, changes));
    }

    public void close(String uri) {
        open.remove(uri);
    }

    /** The latest version of {@code uri}, or null when it is not open. */
    public OpenDocument get(String uri) {
        return uri == null ? null : open.get(uri);
    }

    /** Whether {@code document} is still the latest version of its URI. */
    public boolean isCurrent(OpenDocument document) {
        return open.get(document.uri()) == document;
    }

    public int size() {
        return open.size();
    }
}
