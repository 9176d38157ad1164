/**
 * The meaning of a checked document's names, for editors: {@link dev.lumen.language.semantic.SemanticModel}
 * (symbols, their definitions and uses, the type of each expression, which bindings are visible where), built
 * from what the checker recorded, with {@link dev.lumen.language.semantic.Descriptions} of each symbol for
 * hovers and {@link dev.lumen.language.semantic.Builtins}, the one view of the built-in functions and types.
 * Pure: no I/O.
 */
package dev.lumen.language.semantic;
