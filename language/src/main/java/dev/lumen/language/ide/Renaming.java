package dev.lumen.language.ide;

import dev.lumen.language.semantic.Builtins;
import dev.lumen.language.semantic.Occurrence;
import dev.lumen.language.semantic.SemanticModel;
import dev.lumen.language.semantic.Symbol;
import dev.lumen.language.semantic.SymbolKind;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Lexer;
import dev.lumen.language.types.Type;
import java.util.List;
import java.util.Optional;

/**
 * Rename: every occurrence of the symbol at a position, refused with a reason for what the document does not
 * define, for a new name that is not an identifier, and for one that would collide with a name already in
 * scope (so that the renamed program means what it meant).
 */
final class Renaming {
    private final SemanticModel model;

    Renaming(SemanticModel model) {
        this.model = model;
    }

    /** What a rename at this position would rename, or why it cannot. */
    RenameResult prepare(int line, int column) {
        Optional<Occurrence> at = model.occurrenceAt(line, column);
        if (at.isEmpty()) {
            return RenameResult.refused("there is no name to rename here");
        }
        Symbol s = at.get().symbol();
        if (s.isExternal()) {
            return RenameResult.refused(external(s));
        }
        return new RenameResult(at.get().span(), List.of(), null);
    }

    RenameResult rename(int line, int column, String newName) {
        RenameResult prepared = prepare(line, column);
        if (prepared.isRefused()) {
            return prepared;
        }
        Symbol s = model.occurrenceAt(line, column).orElseThrow().symbol();
        String problem = problem(s, newName);
        if (problem != null) {
            return RenameResult.refused(problem);
        }
        List<Replacement> edits = newName.equals(s.name()) ? List.of()
                : model.occurrencesOf(s).stream().map(o -> new Replacement(o.span(), newName)).toList();
        return new RenameResult(prepared.target(), edits, null);
    }

    private static String external(Symbol s) {
        return switch (s.kind()) {
            case BUILTIN_FUNCTION, BUILTIN_TYPE -> "`" + s.name() + "` is a " + s.kind().noun() + " and cannot be renamed";
            case MCP_TOOL -> "`" + s.container() + "." + s.name() + "` is named by its MCP server and cannot be renamed";
            case TOOL_INPUT -> "`" + s.name() + "` is an input named by the tool's manifest and cannot be renamed";
            default -> "`" + s.name() + "` is not defined in this document and cannot be renamed";
        };
    }

    /** Why {@code s} cannot be renamed to {@code name}, or null. */
    private String problem(Symbol s, String name) {
        if (!isIdentifier(name)) {
            return Lexer.isKeyword(name) ? "`" + name + "` is a keyword" : "`" + name + "` is not an identifier";
        }
        if (name.equals(s.name())) {
            return null;
        }
        if (s.kind() == SymbolKind.VARIANT && Character.isUpperCase(s.name().charAt(0))
                && !Character.isUpperCase(name.charAt(0))) {
            return "a variant starts with a capital letter: in a `match`, a lowercase name binds the value instead";
        }
        if (s.kind().isTopLevel()) {
            if (Builtins.functions().contains(name) || isBuiltinType(name)) {
                return "`" + name + "` is a built-in " + (isBuiltinType(name) ? "type" : "function");
            }
            return topLevelNamed(name) ? "the document already has a cell, record, enum or tool alias named `" + name
                    + "`" : null;
        }
        return switch (s.kind()) {
            case FIELD -> model.field(s.container(), name).isPresent()
                    ? "record `" + s.container() + "` already has a field `" + name + "`" : null;
            case VARIANT -> model.variant(s.container(), name).isPresent()
                    ? "enum `" + s.container() + "` already has a variant `" + name + "`" : null;
            default -> local(s, name);
        };
    }

    /** A local may not take a name it would hide or be hidden by, nor a top-level one (enums and tools are read through it). */
    private String local(Symbol s, String name) {
        if (topLevelNamed(name)) {
            return "`" + name + "` is the name of a cell, record, enum or tool alias of this document";
        }
        Span region = model.scopeOf(s).orElse(null);
        for (Symbol other : model.localsBeside(s)) {
            if (other != s && other.name().equals(name)) {
                Span theirs = model.scopeOf(other).orElse(null);
                if (region == null || theirs == null || overlap(region, theirs)) {
                    return "`" + name + "` is already declared where `" + s.name() + "` is visible";
                }
            }
        }
        return null;
    }

    private boolean topLevelNamed(String name) {
        return model.declarations().stream().anyMatch(d -> d.name().equals(name));
    }

    private static boolean isBuiltinType(String name) {
        return Builtins.types().stream().map(Type::toString).anyMatch(name::equals)
                || Builtins.typeConstructors().contains(name);
    }

    private static boolean overlap(Span a, Span b) {
        return !before(a.endLine(), a.endColumn(), b.line(), b.column())
                && !before(b.endLine(), b.endColumn(), a.line(), a.column());
    }

    private static boolean before(int line, int column, int otherLine, int otherColumn) {
        return line < otherLine || (line == otherLine && column < otherColumn);
    }

    /** A name written without backticks that is not a keyword (lumen-v1.md §3.6). */
    static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty() || !Lexer.isNameStart(name.charAt(0)) || Lexer.isKeyword(name)) {
            return false;
        }
        return name.chars().allMatch(c -> Lexer.isNamePart((char) c));
    }
}
