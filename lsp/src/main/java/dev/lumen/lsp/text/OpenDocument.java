package dev.lumen.lsp.text;

import dev.lumen.language.ide.Analysis;
import dev.lumen.language.source.SourceFile;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.lsp4j.Position;

/**
 * One version of a document the client has open, as its {@link dev.lumen.language.ide.DocumentSession} analysed
 * it: its text as the client sees it (which may differ from the file on disk) and the {@link Analysis} the
 * features query. Immutable; the next change makes the next version.
 *
 * @param uri     the client's URI for it
 * @param path    its file, when the URI is a {@code file:} URI; null otherwise (an unsaved buffer)
 * @param version the client's version number
 */
public record OpenDocument(String uri, Path path, int version, Analysis analysis) {

    /** The file a {@code file:} URI names, or null for any other URI (or one that names no valid path). */
    public static Path pathOf(String uri) {
        try {
            URI parsed = new URI(uri);
            return "file".equalsIgnoreCase(parsed.getScheme()) ? Path.of(parsed) : null;
        } catch (Exception e) { // URISyntaxException, IllegalArgumentException, FileSystemNotFoundException
            return null;
        }
    }

    /** The document as the front end reads it: named by its path (or its URI), with its path for its project. */
    public static SourceFile sourceOf(String uri, String text) {
        Path path = pathOf(uri);
        return new SourceFile(path == null ? uri : path.toString(), text == null ? "" : text, path);
    }

    public String text() {
        return analysis.text();
    }

    public SourceFile source() {
        return analysis.file();
    }

    /** The offset of an LSP position, clamped to the text and to its line (clients may send any position). */
    public int offset(Position p) {
        return analysis.offset(new dev.lumen.language.ide.Position(p.getLine(), p.getCharacter()));
    }

    /** The LSP position of {@code offset}, clamped to the text. */
    public Position position(int offset) {
        var p = analysis.position(offset);
        return new Position(p.line(), p.character());
    }

    /** The document's Markdown structure and syntax tree, from its analysis. */
    public Syntax syntax() {
        return Syntax.of(analysis.checked());
    }
}
