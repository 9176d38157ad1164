package dev.lumen.language.ast;

import java.util.List;

/** All declarations of a document, in document order across its fenced blocks. */
public record Program(List<Decl> decls) {
}
