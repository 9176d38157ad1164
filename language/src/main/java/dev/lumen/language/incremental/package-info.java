/**
 * Parsing a document again after an edit without parsing all of it: {@link
 * dev.lumen.language.incremental.IncrementalDocument} keeps each `lumen` block's parse and, for the next version
 * of the text, parses only the blocks the edit touched (shifting the spans of blocks that only moved), then
 * checks through the same code path as {@link dev.lumen.language.FrontEnd#analyse}, so an editor reports exactly
 * what `lumen check` reports. Pure: no I/O.
 */
package dev.lumen.language.incremental;
