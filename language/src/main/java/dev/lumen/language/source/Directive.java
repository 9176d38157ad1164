package dev.lumen.language.source;

/**
 * A document directive: an `@name argument` line outside the fences. {@code nameSpan} covers `@name`,
 * {@code argumentSpan} the raw argument text (empty span at the name's end when there is none).
 */
public record Directive(String name, String argument, Span nameSpan, Span argumentSpan) {
}
