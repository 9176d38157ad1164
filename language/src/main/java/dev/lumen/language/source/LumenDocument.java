package dev.lumen.language.source;

import java.util.List;

/**
 * What the Markdown extractor finds in a `.lm.md` file: its directives, the settings they configure and
 * its Lumen code blocks.
 */
public record LumenDocument(
        SourceFile file, List<Directive> directives, List<CodeBlock> blocks, DocumentSettings settings) {

    /** A document with default settings, for callers (tests, snippets) that have no directives. */
    public LumenDocument(SourceFile file, List<Directive> directives, List<CodeBlock> blocks) {
        this(file, directives, blocks, DocumentSettings.DEFAULTS);
    }
}
