package dev.lumen.lsp.text;

import dev.lumen.language.CheckedDocument;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.syntax.ParsedDocument;

/**
 * A document as far as it parses: its directives and Lumen blocks, and the declarations recovery kept — the
 * part of its session's checked document that features reading only the syntax (tokens, code lenses) need.
 */
public record Syntax(LumenDocument document, ParsedDocument parsed) {

    static Syntax of(CheckedDocument checked) {
        return new Syntax(checked.document(), checked.parsed());
    }
}
