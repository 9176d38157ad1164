package dev.lumen.language.ide;

import dev.lumen.language.source.Span;
import java.util.List;

/**
 * One entry of a document's outline: a Markdown heading, or a declaration (cell, record, enum, tool alias)
 * under the heading it sits in, with a record's fields and an enum's variants below it. {@code range} covers
 * the whole entry (a heading's section runs to the next heading of its level or higher), {@code selection}
 * its name.
 */
public record OutlineItem(String name, Kind kind, String detail, Span range, Span selection, List<OutlineItem> children) {

    public enum Kind { HEADING, CELL, RECORD, FIELD, ENUM, VARIANT, TOOL }

    public OutlineItem {
        children = List.copyOf(children);
    }
}
