package dev.lumen.language.semantic;

import dev.lumen.language.source.Span;

/** One place a symbol's name is written: where it is defined ({@code definition}) or used. */
public record Occurrence(Span span, Symbol symbol, boolean definition) {
}
