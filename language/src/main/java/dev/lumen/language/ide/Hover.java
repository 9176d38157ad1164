package dev.lumen.language.ide;

import dev.lumen.language.source.Span;

/** What to show for the position a pointer rests on: Markdown text about the name or expression at {@code range}. */
public record Hover(Span range, String markdown) {
}
