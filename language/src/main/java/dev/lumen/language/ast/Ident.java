package dev.lumen.language.ast;

import dev.lumen.language.source.Span;

/** A name as written, with where it was written. */
public record Ident(String name, Span span) {
}
