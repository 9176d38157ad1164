package dev.lumen.language.source;

/**
 * A Markdown heading: its level (1 for `#`, 2 for `##` or a `---` underline, …), its text as written (inline
 * markup kept) and the span of its lines. Editors nest a document's declarations under its headings.
 */
public record Heading(int level, String text, Span span) {
}
