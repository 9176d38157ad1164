package dev.lumen.language.diagnostics;

import dev.lumen.language.source.Span;

/** A secondary span with a short message, drawn under the source like rustc's `-` labels. */
public record Label(Span span, String message) {
}
