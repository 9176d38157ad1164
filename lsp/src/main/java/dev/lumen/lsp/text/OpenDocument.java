package dev.lumen.lsp.text;

import dev.lumen.language.source.SourceFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * One version of a document the client has open: its text as the client sees it, which may differ from the file
 * on disk. Immutable; an edit makes the next version. Its {@link Syntax} is computed on first use and kept while
 * its {@link SyntaxCache} keeps it.
 *
 * @param uri     the client's URI for it
 * @param path    its file, when the URI is a {@code file:} URI; null otherwise (an unsaved buffer)
 * @param version the client's version number
 */
public final class OpenDocument {
    private final String uri;
    private final Path path;
    private final int version;
    private final String text;
    private final LineIndex lines;
    private final SourceFile source;
    private final SyntaxCache syntaxes;

    /** A document of its own, whose syntax is kept as long as it is the latest one parsed. */
    public OpenDocument(String uri, int version, String text) {
        this(uri, version, text, new SyntaxCache(1));
    }

    /** A document whose syntax {@code syntaxes} keeps, with that of the other documents it is shared by. */
    public OpenDocument(String uri, int version, String text, SyntaxCache syntaxes) {
        this(uri, pathOf(uri), version, text, syntaxes);
    }

    private OpenDocument(String uri, Path path, int version, String text, SyntaxCache syntaxes) {
        this.uri = uri;
        this.path = path;
        this.version = version;
        this.text = text;
        this.lines = LineIndex.of(text);
        this.source = new SourceFile(path == null ? uri : path.toString(), text, path);
        this.syntaxes = syntaxes;
    }

    /** The file a {@code file:} URI names, or null for any other URI (or one that names no valid path). */
    public static Path pathOf(String uri) {
        try {
            URI parsed = new URI(uri);
            return "file".equalsIgnoreCase(parsed.getScheme()) ? Path.of(parsed) : null;
        } catch (Exception e) { // URISyntaxException, IllegalArgumentException, FileSystemNotFoundException
            return null;
        }
    }

    /** The next version: {@code changes} applied in order, each a range replaced or (without a range) the whole text. */
    public OpenDocument edit(int newVersion, List<TextDocumentContentChangeEvent> changes) {
        String current = text;
        LineIndex index = lines;
        for (TextDocumentContentChangeEvent change : changes) {
            String inserted = change.getText() == null ? "" : change.getText();
            if (change.getRange() == null) {
                current = inserted;
            } else {
                int from = index.offset(change.getRange().getStart());
                int to = Math.max(from, index.offset(change.getRange().getEnd()));
                current = current.substring(0, from) + inserted + current.substring(to);
            }
            index = LineIndex.of(current);
        }
        return new OpenDocument(uri, path, newVersion, current, syntaxes);
    }

    public String uri() {
        return uri;
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public LineIndex lines() {
        return lines;
    }

    /** The document as the front end reads it: named by its path (or its URI), with its path for its project. */
    public SourceFile source() {
        return source;
    }

    /** The document's Markdown structure and syntax tree. */
    public Syntax syntax() {
        return syntaxes.of(this);
    }
}
