/**
 * The front end as an editor uses it: a {@link dev.lumen.language.ide.DocumentSession} per open document takes
 * the editor's changes and answers, through the {@link dev.lumen.language.ide.Analysis} of each version,
 * diagnostics, definition, references, rename, hover, completion, signature help and the outline. A language
 * server is protocol glue over these classes: it converts positions ({@link dev.lumen.language.ide.Position} is
 * the protocol's) and {@link dev.lumen.language.source.Span}s (its ranges plus one) and loads the
 * {@link dev.lumen.language.project.Project} each session is given. Pure: no I/O.
 */
package dev.lumen.language.ide;
