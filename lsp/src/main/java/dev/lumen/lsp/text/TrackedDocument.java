package dev.lumen.lsp.text;

import dev.lumen.language.ide.DocumentSession;
import dev.lumen.language.ide.Position;
import dev.lumen.language.ide.TextChange;
import dev.lumen.language.project.Project;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * One open document: the changes the client sent, queued as they arrive, and the {@link DocumentSession} they
 * are applied to when the document is next wanted — all queued changes at once, so that edits coming faster
 * than checks are checked once. The session runs the front end, so {@link #current} is called on a thread with
 * the front end's stack; queueing is cheap and safe from any thread.
 */
final class TrackedDocument {
    private final String uri;
    private final Map<String, String> environment;
    private final List<TextChange> pending = new ArrayList<>();
    private String openText;
    private int pendingVersion;
    private DocumentSession session;
    private Project project;
    /** The lock file's modification time and size when {@link #project} was loaded; a change reloads it. */
    private String lockStamp;
    private boolean projectStale;
    private volatile OpenDocument latest;
    private OpenDocument published;
    private long lastUsed;
    private boolean trimmed;

    TrackedDocument(String uri, int version, String text, Map<String, String> environment) {
        this.uri = uri;
        this.environment = environment;
        this.openText = text == null ? "" : text;
        this.pendingVersion = version;
    }

    synchronized void queue(int version, List<TextDocumentContentChangeEvent> changes) {
        for (TextDocumentContentChangeEvent change : changes) {
            String text = change.getText() == null ? "" : change.getText();
            var range = change.getRange();
            pending.add(range == null || range.getStart() == null || range.getEnd() == null ? TextChange.whole(text)
                    : new TextChange(position(range.getStart()), position(range.getEnd()), text));
        }
        pendingVersion = version;
    }

    private static Position position(org.eclipse.lsp4j.Position p) {
        return new Position(p.getLine(), p.getCharacter());
    }

    /** The next check reloads the project (a tool's manifest or the lock file changed). */
    synchronized void projectChanged() {
        projectStale = true;
    }

    /** The document with every queued change applied, checked against its current project. */
    synchronized OpenDocument current(long now) {
        lastUsed = now;
        trimmed = false;
        if (session == null) {
            SourceFile source = OpenDocument.sourceOf(uri, openText);
            openText = null;
            project = load(source);
            session = new DocumentSession(source, project);
            analysed(session.current());
        } else if (projectStale || !lockStamp.equals(stamp(project))) {
            project = load(session.current().file());
            analysed(session.project(project));
        }
        if (pending.isEmpty() && latest != null) {
            return latest;
        }
        var analysis = session.apply(List.copyOf(pending));
        pending.clear();
        return analysed(analysis);
    }

    private OpenDocument analysed(dev.lumen.language.ide.Analysis analysis) {
        OpenDocument document = new OpenDocument(uri, OpenDocument.pathOf(uri), pendingVersion, analysis);
        latest = document;
        return document;
    }

    private Project load(SourceFile source) {
        Project loaded = ProjectLoader.load(source, environment);
        lockStamp = stamp(loaded);
        projectStale = false;
        return loaded;
    }

    private static String stamp(Project project) {
        Path lock = project.lockFile();
        if (lock == null) {
            return "";
        }
        try {
            BasicFileAttributes a = Files.readAttributes(lock, BasicFileAttributes.class);
            return a.lastModifiedTime() + "/" + a.size();
        } catch (Exception e) { // no lock file (yet), or one that cannot be read: the loader says which
            return "none";
        }
    }

    /** The latest version analysed, without applying what is queued; null before the first analysis. */
    OpenDocument latest() {
        return latest;
    }

    synchronized boolean isCurrent(OpenDocument document) {
        return pending.isEmpty() && !projectStale && latest == document;
    }

    /** Whether {@code document}'s diagnostics are yet to be published, and from now on they are not. */
    synchronized boolean publish(OpenDocument document) {
        if (published == document) {
            return false;
        }
        published = document;
        return true;
    }

    synchronized long lastUsed() {
        return lastUsed;
    }

    /** Lets the session's derived trees go (see {@link DocumentSession#trim}); true if there was anything to trim. */
    synchronized boolean trim() {
        if (session == null || trimmed) {
            return false;
        }
        session.trim();
        trimmed = true;
        return true;
    }

    synchronized boolean isTrimmed() {
        return trimmed || session == null;
    }
}
