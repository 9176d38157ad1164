package dev.lumen.language.ide;

import dev.lumen.language.incremental.IncrementalDocument;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import java.util.List;

/**
 * A document open in an editor: its current text and the checked {@link Analysis} of it, updated change by
 * change. A change re-extracts, re-lexes and re-parses only what it touched (see {@link IncrementalDocument})
 * and then checks the program again; the diagnostics are exactly those {@code FrontEnd.check} reports for the
 * same text and project. Nothing here reads a file or starts a process: the project layer hands in the
 * {@link Project} (tools, lock file, MCP manifests), and {@link #project} swaps it when those change.
 *
 * <p>Changes are applied one at a time (methods are synchronized); an {@link Analysis} once returned never
 * changes, so queries may run on it while later changes are applied.
 */
public final class DocumentSession {
    private IncrementalDocument text;
    private Project project;
    private Analysis current;
    private int version;

    /** Opens {@code file} (its path, when it has one, is what the project was loaded for). */
    public DocumentSession(SourceFile file, Project project) {
        this.project = project;
        this.text = IncrementalDocument.of(file);
        this.current = analyse();
    }

    /** The analysis of the current text. */
    public synchronized Analysis current() {
        return current;
    }

    /** Applies an editor's changes in order (each counted on the text the previous one left) and checks once. */
    public synchronized Analysis apply(List<TextChange> changes) {
        for (TextChange c : changes) {
            if (c.isWhole()) {
                text = text.replace(c.text());
            } else {
                SourceFile f = text.file();
                text = text.edit(Positions.offset(f, c.start()), Positions.offset(f, c.end()), c.text());
            }
            version++;
        }
        current = analyse();
        return current;
    }

    /** Replaces the characters from offset {@code start} to {@code end} (clamped to the text) with {@code replacement}. */
    public synchronized Analysis edit(int start, int end, String replacement) {
        text = text.edit(start, end, replacement);
        version++;
        current = analyse();
        return current;
    }

    /** Replaces the whole text. */
    public synchronized Analysis replace(String newText) {
        text = text.replace(newText);
        version++;
        current = analyse();
        return current;
    }

    /** Checks the document again against a new project (its lock file or tools changed). */
    public synchronized Analysis project(Project newProject) {
        project = newProject;
        current = analyse();
        return current;
    }

    private Analysis analyse() {
        return new Analysis(version, text, text.check(project));
    }
}
