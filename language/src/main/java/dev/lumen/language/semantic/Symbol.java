package dev.lumen.language.semantic;

import dev.lumen.language.source.Span;
import dev.lumen.language.types.Type;
import java.util.Optional;

/**
 * A named thing a document defines or uses: a cell, a record and its fields, an enum and its variants, a tool
 * alias, a local binding, or something defined outside the document (a built-in type or function, an MCP tool,
 * a tool's input). Symbols are compared by identity: one object per thing per checked version of a document.
 */
public final class Symbol {
    private final SymbolKind kind;
    private final String name;
    private final Span definition;
    private final String container;
    private final Type type;
    /** The checker's object behind it (CellInfo, RecordInfo, EnumInfo, ToolAlias, Binding, …), for descriptions. */
    final Object origin;

    Symbol(SymbolKind kind, String name, Span definition, String container, Type type, Object origin) {
        this.kind = kind;
        this.name = name;
        this.definition = definition;
        this.container = container;
        this.type = type;
        this.origin = origin;
    }

    public SymbolKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** The span of the name where the document defines it; empty for what is defined outside the document. */
    public Optional<Span> definition() {
        return Optional.ofNullable(definition);
    }

    /** Whether it is defined outside the document (built-ins, tools' own names), so it cannot be renamed. */
    public boolean isExternal() {
        return definition == null;
    }

    /**
     * What it belongs to: the record of a field, the enum of a variant, the cell of a local binding, the alias
     * of an MCP tool or the tool of an input; null for top-level symbols and built-ins.
     */
    public String container() {
        return container;
    }

    /** Its type when it has one: a binding's, a field's, a record's or enum's own type; null otherwise. */
    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return kind.noun() + " " + (container == null ? "" : container + ".") + name;
    }
}
