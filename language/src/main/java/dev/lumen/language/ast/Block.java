package dev.lumen.language.ast;

import dev.lumen.language.source.Span;
import java.util.List;

public record Block(List<Stmt> statements, Span span) {
}
