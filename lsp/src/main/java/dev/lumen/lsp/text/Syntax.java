package dev.lumen.lsp.text;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.markdown.MarkdownExtractor;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.syntax.ParsedDocument;
import dev.lumen.language.syntax.Parser;

/**
 * A document as far as it parses: its directives and Lumen blocks, and the declarations recovery kept. Features
 * that need only the syntax (symbols, tokens, code lenses) read it; diagnostics come from the full check.
 */
public record Syntax(LumenDocument document, ParsedDocument parsed) {

    static Syntax of(SourceFile source) {
        Diagnostics ignored = new Diagnostics(); // reported by the check, not here
        LumenDocument document = MarkdownExtractor.extract(source, ignored);
        return new Syntax(document, Parser.parseDocument(document, ignored));
    }
}
