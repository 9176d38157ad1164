package dev.lumen.language.incremental;

import dev.lumen.language.CheckResult;
import dev.lumen.language.CheckedDocument;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.ParsedBlock;
import dev.lumen.language.syntax.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a document's text with its Markdown extraction and the parse of each of its `lumen` blocks,
 * made from the previous version and an edit so that only what the edit touched is parsed again.
 *
 * <p>An edit inside one code line that cannot change the Markdown structure (no line break, after the line's
 * first character of code, not a fence) replaces that line of its block: the Markdown is not parsed again and
 * only that block is lexed and parsed. An edit inside one prose line that cannot change the structure either
 * ({@link ProseLines}) changes no code at all: nothing is parsed, and {@link #carryOver} keeps the previous
 * check. Any other edit extracts the Markdown again (CommonMark's block
 * structure can change far from an edit: an opened fence swallows the rest of the document) and then reuses
 * the parse of every block whose text is unchanged; a block that only moved to other lines is
 * {@linkplain SpanShift shifted} rather than parsed again. {@link #check} then checks the whole program, which
 * is fast enough that nothing finer is needed (see bench/README.md). Immutable.
 */
public final class IncrementalDocument {

    /**
     * How a version was made: by an edit inside one code line, inside one prose line (the code did not change
     * at all), or by extracting the Markdown again; and how many blocks were parsed, shifted to other lines, or
     * kept as they were.
     */
    public record Reuse(Route route, int parsed, int shifted, int kept) {

        public enum Route { CODE_LINE, PROSE_LINE, EXTRACTED }

        /** Whether the Markdown was extracted again. */
        public boolean extracted() {
            return route == Route.EXTRACTED;
        }
    }

    private final SourceFile file;
    private final LumenDocument document;
    private final List<Diagnostic> extraction;
    /** One parse per block; reclaimable, as a parse is derived again from the blocks' text. */
    private final Reclaimable<List<ParsedBlock>> blocks;
    private final List<BlockKey> keys;
    private final Reuse reuse;

    private IncrementalDocument(SourceFile file, LumenDocument document, List<Diagnostic> extraction,
            List<ParsedBlock> blocks, List<BlockKey> keys, Reuse reuse) {
        this.file = file;
        this.document = document;
        this.extraction = extraction;
        this.blocks = new Reclaimable<>(blocks, () -> parseAll(document));
        this.keys = keys;
        this.reuse = reuse;
    }

    /** A document parsed from scratch. */
    public static IncrementalDocument of(SourceFile file) {
        return extract(file, List.of(), List.of());
    }

    public SourceFile file() {
        return file;
    }

    public LumenDocument document() {
        return document;
    }

    /** The parse of each block of {@link #document()}, in order. */
    public List<ParsedBlock> blocks() {
        return blocks.get();
    }

    /** Lets the parse trees go (they are parsed again when next needed); the text and extraction stay. */
    public void release() {
        blocks.release();
    }

    private static List<ParsedBlock> parseAll(LumenDocument document) {
        List<ParsedBlock> out = new ArrayList<>();
        for (CodeBlock b : document.blocks()) {
            out.add(Parser.parseBlock(b));
        }
        return List.copyOf(out);
    }

    public Reuse reuse() {
        return reuse;
    }

    /** Checks this version against {@code project}: the same result as {@link FrontEnd#analyse} of its text. */
    public CheckedDocument check(Project project) {
        return FrontEnd.checkBlocks(document, extraction, blocks(), project);
    }

    /** The whole text replaced: blocks whose text is unchanged keep their parse. */
    public IncrementalDocument replace(String text) {
        return extract(new SourceFile(file.name(), text, file.path().orElse(null)), blocks(), keys);
    }

    /**
     * The characters from {@code start} to {@code end} (offsets into the text, clamped to it) replaced by
     * {@code text}.
     */
    public IncrementalDocument edit(int start, int end, String text) {
        String old = file.text();
        int from = Math.max(0, Math.min(start, old.length()));
        int to = Math.max(from, Math.min(end, old.length()));
        String updated = old.substring(0, from) + text + old.substring(to);
        SourceFile next = new SourceFile(file.name(), updated, file.path().orElse(null));
        LineEdit line = LineEdit.of(file, from, to, text);
        if (line != null && ProseLines.keepStructure(document, file, line)) {
            LumenDocument doc = new LumenDocument(next, document.directives(), document.blocks(), document.settings(),
                    document.headings());
            return new IncrementalDocument(next, doc, extraction, blocks(), keys,
                    new Reuse(Reuse.Route.PROSE_LINE, 0, 0, keys.size()));
        }
        IncrementalDocument inLine = line == null ? null : inCodeLine(next, line);
        return inLine != null ? inLine : extract(next, blocks(), keys);
    }

    /**
     * The check of this version when it differs from the one {@code previous} checked only in prose (see
     * {@link Reuse.Route#PROSE_LINE}): the same program and diagnostics, reported for this text. {@code previous}
     * must be the check, against the same project, of the version this one was made from.
     */
    public CheckedDocument carryOver(CheckedDocument previous) {
        return new CheckedDocument(document, previous.parsed(), previous.program(),
                new CheckResult(file, previous.result().diagnostics()));
    }

    // ---- an edit inside one code line --------------------------------------------------------

    private IncrementalDocument inCodeLine(SourceFile next, LineEdit e) {
        int line = e.line();
        LumenDocument.CodeLineAt at = document.codeLineAt(line);
        if (at == null) {
            return null;
        }
        int index = at.blockIndex();
        CodeBlock block = at.block();
        int lineIndex = at.index();
        CodeLine code = at.line();
        int codeFrom = e.from() - code.mdColumnOffset();
        if (codeFrom < 0 || !e.before().substring(code.mdColumnOffset()).equals(code.text())) {
            return null;
        }
        // Before the line's first character of code, an edit can change how much indentation CommonMark
        // strips; a line that starts with a fence character could become the closing fence.
        int first = 0;
        while (first < code.text().length() && (code.text().charAt(first) == ' ' || code.text().charAt(first) == '\t')) {
            first++;
        }
        if (first >= codeFrom || code.text().charAt(first) == '`' || code.text().charAt(first) == '~') {
            return null;
        }
        String changed = e.after().substring(code.mdColumnOffset());
        List<CodeLine> lines = new ArrayList<>(block.lines());
        lines.set(lineIndex, new CodeLine(changed, code.mdLine(), code.mdColumnOffset()));
        CodeBlock edited = new CodeBlock(List.copyOf(lines), block.fence());
        List<CodeBlock> codeBlocks = new ArrayList<>(document.blocks());
        codeBlocks.set(index, edited);
        List<ParsedBlock> parsed = new ArrayList<>(blocks());
        parsed.set(index, Parser.parseBlock(edited));
        List<BlockKey> newKeys = new ArrayList<>(keys);
        newKeys.set(index, new BlockKey(edited));
        LumenDocument doc = new LumenDocument(next, document.directives(), List.copyOf(codeBlocks),
                document.settings(), document.headings());
        return new IncrementalDocument(next, doc, extraction, List.copyOf(parsed), List.copyOf(newKeys),
                new Reuse(Reuse.Route.CODE_LINE, 1, 0, parsed.size() - 1));
    }

    // ---- any other edit ----------------------------------------------------------------------

    /** Extracts {@code file} again, reusing the parses of {@code previous} blocks whose text is unchanged. */
    private static IncrementalDocument extract(SourceFile file, List<ParsedBlock> previous, List<BlockKey> previousKeys) {
        Diagnostics extraction = new Diagnostics();
        LumenDocument document = MarkdownExtractor.extract(file, extraction);
        Map<BlockKey, Integer> known = new HashMap<>();
        for (int i = 0; i < previousKeys.size(); i++) {
            known.put(previousKeys.get(i), i);
        }
        List<ParsedBlock> blocks = new ArrayList<>();
        List<BlockKey> keys = new ArrayList<>();
        int parsed = 0;
        int shifted = 0;
        int kept = 0;
        for (CodeBlock block : document.blocks()) {
            BlockKey key = new BlockKey(block);
            Integer old = known.get(key);
            if (old == null) {
                blocks.add(Parser.parseBlock(block));
                parsed++;
            } else {
                int lines = key.fenceLine() - previousKeys.get(old).fenceLine();
                blocks.add(SpanShift.shift(previous.get(old), lines));
                if (lines == 0) {
                    kept++;
                } else {
                    shifted++;
                }
            }
            keys.add(key);
        }
        return new IncrementalDocument(file, document, extraction.all(), List.copyOf(blocks), List.copyOf(keys),
                new Reuse(Reuse.Route.EXTRACTED, parsed, shifted, kept));
    }
}
