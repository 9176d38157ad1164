package dev.lumen.language;

import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.syntax.ParsedDocument;

/**
 * A document taken through the front end up to type checking: what the Markdown extractor found, how its
 * blocks parsed, the checked program (types and what every name resolved to) and the diagnostics of all of it.
 */
public record CheckedDocument(LumenDocument document, ParsedDocument parsed, CheckedProgram program, CheckResult result) {
}
