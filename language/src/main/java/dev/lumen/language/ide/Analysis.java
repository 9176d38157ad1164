package dev.lumen.language.ide;

import dev.lumen.language.CheckResult;
import dev.lumen.language.CheckedDocument;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.incremental.IncrementalDocument;
import dev.lumen.language.incremental.Reclaimable;
import dev.lumen.language.project.Project;
import dev.lumen.language.semantic.Descriptions;
import dev.lumen.language.semantic.Occurrence;
import dev.lumen.language.semantic.SemanticModel;
import dev.lumen.language.semantic.Symbol;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One checked version of an open document and the questions an editor asks about it. Every query takes a
 * character offset into the text ({@link #offset(Position)} converts an editor's line and character) and
 * answers with Markdown {@link Span}s: 1-based lines, 1-based UTF-16 columns, exclusive end — an LSP range is
 * the span with one taken off each number. A position past the end or outside code gets an empty answer,
 * never an exception.
 *
 * <p>Diagnostics are computed when the version is made; the semantic model that the other queries read is
 * built on the first of them and kept while memory allows (it is {@link Reclaimable}, like the parse trees). Safe
 * to query from several threads.
 */
public final class Analysis {
    private final int version;
    private final IncrementalDocument text;
    private final CheckResult result;
    /** The checked program and its semantic model: large, so reclaimable, and derived again when needed. */
    private final Reclaimable<CheckedDocument> checked;
    private final Reclaimable<SemanticModel> model;

    Analysis(int version, IncrementalDocument text, CheckedDocument checked, Project project) {
        this.version = version;
        this.text = text;
        this.result = checked.result();
        this.checked = new Reclaimable<>(checked, () -> text.check(project));
        this.model = new Reclaimable<>(() -> SemanticModel.of(this.checked.get()));
    }

    /** How many changes the session applied before this version (0 for the text it opened with). */
    public int version() {
        return version;
    }

    public SourceFile file() {
        return result.file();
    }

    public String text() {
        return file().text();
    }

    /** What {@code FrontEnd.check} reports for this text: the same diagnostics, in the same order. */
    public List<Diagnostic> diagnostics() {
        return result.diagnostics();
    }

    public CheckResult result() {
        return result;
    }

    /** The checked document: its extraction, parse and checked program. */
    public CheckedDocument checked() {
        return checked.get();
    }

    /** How much of the previous version this one reused. */
    public IncrementalDocument.Reuse reuse() {
        return text.reuse();
    }

    /** The semantic model of this version, built on first use. */
    public SemanticModel model() {
        return model.get();
    }

    /** Lets the checked program and semantic model go; queries derive them again (see {@link Reclaimable}). */
    void release() {
        model.release();
        checked.release();
    }

    // ---- positions ---------------------------------------------------------------------------

    /** The offset of an editor position (0-based line and UTF-16 character), clamped to the text and the line. */
    public int offset(Position p) {
        return Positions.offset(file(), p);
    }

    /** The editor position of an offset (clamped to the text). */
    public Position position(int offset) {
        return Positions.position(file(), offset);
    }

    // ---- queries -----------------------------------------------------------------------------

    /** Where the symbol at the offset is defined; empty for built-ins, tools' own names, or no symbol. */
    public Optional<Span> definition(int offset) {
        return symbolAt(offset).flatMap(Symbol::definition);
    }

    /** The symbol whose name is at the offset. */
    public Optional<Symbol> symbolAt(int offset) {
        Position p = position(offset);
        return model().occurrenceAt(p.line() + 1, p.character() + 1).map(Occurrence::symbol);
    }

    /** Every occurrence of the symbol at the offset, in document order; its definition only when asked. */
    public List<Span> references(int offset, boolean includeDefinition) {
        return symbolAt(offset).map(s -> model().occurrencesOf(s).stream()
                .filter(o -> includeDefinition || !o.definition()).map(Occurrence::span).toList()).orElse(List.of());
    }

    /** The uses of the symbol at the offset in this document, for highlighting (definition included). */
    public List<Occurrence> highlights(int offset) {
        return symbolAt(offset).map(model()::occurrencesOf).orElse(List.of());
    }

    /** Whether the name at the offset can be renamed: its span, or why not. */
    public RenameResult prepareRename(int offset) {
        Position p = position(offset);
        return new Renaming(model()).prepare(p.line() + 1, p.character() + 1);
    }

    /** The edits that rename the symbol at the offset to {@code newName}, or why it cannot be. */
    public RenameResult rename(int offset, String newName) {
        Position p = position(offset);
        return new Renaming(model()).rename(p.line() + 1, p.character() + 1, newName);
    }

    /**
     * What the name or expression at the offset is: a symbol's description (a cell's signature, a record's or
     * enum's shape, a binding's type, a tool's manifest and grant), else the type of the innermost expression.
     */
    public Optional<Hover> hover(int offset) {
        Position p = position(offset);
        SemanticModel m = model();
        Optional<Occurrence> at = m.occurrenceAt(p.line() + 1, p.character() + 1);
        if (at.isPresent()) {
            return Optional.of(new Hover(at.get().span(), Descriptions.of(at.get().symbol(), m)));
        }
        return m.expressionAt(p.line() + 1, p.character() + 1)
                .map(e -> new Hover(e.span(), Descriptions.code(e.type().toString())));
    }

    /** Completion candidates at the offset. */
    public Completion completion(int offset) {
        Position p = position(offset);
        return new Completions(model()).at(p.line() + 1, p.character() + 1);
    }

    /** The signature of the call the offset is in, and the argument it is at. */
    public Optional<SignatureHelp> signatureHelp(int offset) {
        Position p = position(offset);
        return new Signatures(model()).at(p.line() + 1, p.character() + 1);
    }

    /** The document's headings with the cells, records, enums and tool aliases under each. */
    public List<OutlineItem> outline() {
        CheckedDocument c = checked();
        return Outline.of(c.document(), c.parsed().program().decls());
    }
}
