package dev.lumen.lsp.text;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The documents the client has open, by URI, each with its front-end session. Changes are queued on the thread
 * that receives them and applied by {@link #current} on the analysis thread. Documents not asked about for a
 * while, and all but the {@link #KEPT} asked about last, are trimmed: their sessions let the parse trees and
 * semantic model go (derived again when next needed), which keeps the heap small with many documents open and
 * spares the collector the soft references it would otherwise clear only under pressure.
 */
public final class Documents {
    /** How many documents keep their trees: those an editor shows, and some. */
    static final int KEPT = 16;
    /** How long a document is left unasked before it is trimmed. */
    public static final Duration IDLE = Duration.ofSeconds(30);

    private final Map<String, TrackedDocument> open = new ConcurrentHashMap<>();
    private final Map<String, String> environment;
    private final LongSupplier clock;

    /** @param environment the variables the project layer reads (LUMEN_TOOLS_PATH), as {@code lumen check} does */
    public Documents(Map<String, String> environment) {
        this(environment, System::nanoTime);
    }

    Documents(Map<String, String> environment, LongSupplier clock) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    /** Opens {@code uri} (again: what was open under it is forgotten); analysed when first wanted. */
    public void open(String uri, int version, String text) {
        open.put(uri, new TrackedDocument(uri, version, text, environment));
    }

    /** Queues {@code changes} to the open document {@code uri}; false when it is not open. */
    public boolean change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        TrackedDocument document = open.get(uri);
        if (document != null) {
            document.queue(version, changes);
        }
        return document != null;
    }

    public void close(String uri) {
        open.remove(uri);
    }

    /**
     * The latest version of {@code uri} with every queued change applied, or null when it is not open. Runs the
     * front end: call it on a thread with {@link dev.lumen.language.FrontEndStack#STACK_BYTES} of stack.
     */
    public OpenDocument current(String uri) {
        TrackedDocument document = uri == null ? null : open.get(uri);
        if (document == null) {
            return null;
        }
        OpenDocument current = document.current(clock.getAsLong());
        keepFew();
        return current;
    }

    /** The latest version analysed (queued changes not applied), or null when {@code uri} is not open or not yet analysed. */
    public OpenDocument latest(String uri) {
        TrackedDocument document = uri == null ? null : open.get(uri);
        return document == null ? null : document.latest();
    }

    /** Whether {@code document} is still the latest version of its URI, with no change queued after it. */
    public boolean isCurrent(OpenDocument document) {
        TrackedDocument tracked = open.get(document.uri());
        return tracked != null && tracked.isCurrent(document);
    }

    /** Whether {@code document}'s diagnostics are yet to be published (and from now on, they are not). */
    public boolean publish(OpenDocument document) {
        TrackedDocument tracked = open.get(document.uri());
        return tracked != null && tracked.publish(document);
    }

    /** Every document's project is loaded again at its next check (the client saw a lock file or manifest change). */
    public void projectsChanged() {
        open.values().forEach(TrackedDocument::projectChanged);
    }

    /** Trims the documents not asked about for {@link #IDLE}; returns how many were trimmed. */
    public int trimIdle() {
        long before = clock.getAsLong() - IDLE.toNanos();
        int trimmed = 0;
        for (TrackedDocument document : open.values()) {
            if (document.lastUsed() - before < 0 && document.trim()) {
                trimmed++;
            }
        }
        return trimmed;
    }

    /** Trims all but the {@link #KEPT} documents asked about last. */
    private void keepFew() {
        List<TrackedDocument> kept = open.values().stream().filter(d -> !d.isTrimmed()).toList();
        if (kept.size() > KEPT) {
            kept.stream().sorted(Comparator.comparingLong(TrackedDocument::lastUsed).reversed()).skip(KEPT)
                    .forEach(TrackedDocument::trim);
        }
    }

    /** The URIs of the open documents. */
    public List<String> uris() {
        return List.copyOf(open.keySet());
    }

    public int size() {
        return open.size();
    }
}
