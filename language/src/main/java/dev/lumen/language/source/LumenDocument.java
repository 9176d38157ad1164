package dev.lumen.language.source;

import java.util.List;

/**
 * What the Markdown extractor finds in a `.lm.md` file: its directives, the settings they configure, its
 * Lumen code blocks and its headings (which the checker ignores and editors outline).
 */
public record LumenDocument(SourceFile file, List<Directive> directives, List<CodeBlock> blocks,
        DocumentSettings settings, List<Heading> headings) {

    /** A document without headings. */
    public LumenDocument(SourceFile file, List<Directive> directives, List<CodeBlock> blocks, DocumentSettings settings) {
        this(file, directives, blocks, settings, List.of());
    }

    /** A document with default settings, for callers (tests, snippets) that have no directives. */
    public LumenDocument(SourceFile file, List<Directive> directives, List<CodeBlock> blocks) {
        this(file, directives, blocks, DocumentSettings.DEFAULTS);
    }

    /** A code line found by its Markdown line: its block (and the block's index) and its index in the block. */
    public record CodeLineAt(int blockIndex, CodeBlock block, int index, CodeLine line) {
    }

    /** The code line at 1-based Markdown line {@code line}, or null when no `lumen` block holds it as code. */
    public CodeLineAt codeLineAt(int line) {
        int b = blockAt(line);
        if (b < 0) {
            return null;
        }
        CodeBlock block = blocks.get(b);
        int i = line - block.fence().line() - 1;
        return new CodeLineAt(b, block, i, block.lines().get(i));
    }

    /** The index of the block that holds 1-based Markdown line {@code line} as one of its code lines, or -1. */
    public int blockAt(int line) {
        int lo = 0;
        int hi = blocks.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (blocks.get(mid).fence().line() < line) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        CodeBlock b = blocks.get(found);
        int i = line - b.fence().line() - 1;
        return i < b.lines().size() && b.lines().get(i).mdLine() == line ? found : -1;
    }
}
