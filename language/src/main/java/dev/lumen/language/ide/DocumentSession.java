package dev.lumen.language.ide;

import dev.lumen.language.CheckedDocument;
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
    /** Whether a change since the last check touched code (or the Markdown around it), not prose alone. */
    private boolean codeChanged;

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
                changed(text.replace(c.text()));
            } else {
                SourceFile f = text.file();
                changed(text.edit(Positions.offset(f, c.start()), Positions.offset(f, c.end()), c.text()));
            }
        }
        current = analyse();
        return current;
    }

    /** Replaces the characters from offset {@code start} to {@code end} (clamped to the text) with {@code replacement}. */
    public synchronized Analysis edit(int start, int end, String replacement) {
        changed(text.edit(start, end, replacement));
        current = analyse();
        return current;
    }

    /** Replaces the whole text. */
    public synchronized Analysis replace(String newText) {
        changed(text.replace(newText));
        current = analyse();
        return current;
    }

    /** Checks the document again against a new project (its lock file or tools changed). */
    public synchronized Analysis project(Project newProject) {
        project = newProject;
        codeChanged = true;
        current = analyse();
        return current;
    }

    private void changed(IncrementalDocument next) {
        text = next;
        version++;
        codeChanged |= next.reuse().route() != IncrementalDocument.Reuse.Route.PROSE_LINE;
    }

    /**
     * Lets go of what can be derived again (parse trees, the checked program, the semantic model), keeping the
     * text, its extraction and the diagnostics: for a document left idle. The memory manager does the same
     * under pressure; the next change or query derives them again, with the same results.
     */
    public synchronized void trim() {
        current.release();
        text.release();
    }

    /** Checks the current text; after prose edits alone, the previous check stands (its diagnostics are the same). */
    private Analysis analyse() {
        CheckedDocument checked = codeChanged || current == null ? text.check(project) : text.carryOver(current.checked());
        codeChanged = false;
        return new Analysis(version, text, checked, project);
    }
}
