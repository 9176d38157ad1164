package dev.lumen.language.ide;

import dev.lumen.language.source.Span;

/** An edit the front end proposes: the text at {@code span} (a Markdown span, 1-based) replaced by {@code text}. */
public record Replacement(Span span, String text) {
}
