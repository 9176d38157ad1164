package dev.lumen.language.source;

import java.util.List;

/** What the Markdown extractor finds in a `.lm.md` file: its directives and its Lumen code blocks. */
public record LumenDocument(SourceFile file, List<Directive> directives, List<CodeBlock> blocks) {
}
