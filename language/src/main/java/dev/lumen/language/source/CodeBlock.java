package dev.lumen.language.source;

import java.util.List;

/** A fenced block whose info string's first word is `lumen`, line by line, mapped to the Markdown. */
public record CodeBlock(List<CodeLine> lines, Span fence) {
}
