package dev.lumen.language.lower;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.Binding;
import dev.lumen.language.check.EnumInfo;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module's type table and the mapping from checker types to {@link LirType}s.
 *
 * <p>Order of the table: the document's records and enums in declaration order; then the built-in records
 * the program uses (RoleText, ValidationError, FieldError, Patch, TraceRef, ToolError, McpBlock, McpContent — in
 * that order);
 * then the tools' anonymous output records the program uses, each named {@code Alias$output} after the
 * first alias (in declaration order) whose tool returns it; then, in first-use order while cells are
 * lowered, {@link TypeDef.AliasDef alias entries} for other types an instruction names (`expect schema
 * list[Entry]`, an `n: Int` pattern). Union members are written in a canonical order — sorted by their
 * text, `Null` last — so equal unions are equal LIR types however they were written.
 */
final class TypeTable {
    private final List<TypeDef> entries = new ArrayList<>();
    private final Map<String, Integer> byName = new LinkedHashMap<>();
    /** Anonymous (structural) records and their synthetic names, in registration order. */
    private final List<Map.Entry<RecordType, String>> structural = new ArrayList<>();
    /** Placeholder records whose fields are filled in once constraint cells are numbered. */
    private final Map<String, RecordInfo> userRecords = new LinkedHashMap<>();

    TypeTable(CheckedProgram program) {
        Set<String> used = new HashSet<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<RecordType, Boolean> structuralUsed = new LinkedHashMap<>();
        program.expressionTypes().forEach((e, t) -> {
            scan(t, used, seen, structuralUsed);
            if (e instanceof Expr.Expect x && x.retries() > 0) { // its last failure builds a ValidationError
                scan(RecordType.VALIDATION_ERROR, used, seen, structuralUsed);
            }
            if (e instanceof Expr.Repair) { // its request is a RoleText
                scan(RecordType.ROLE_TEXT, used, seen, structuralUsed);
            }
        });
        for (CellInfo cell : program.symbols().cells().values()) {
            for (Binding b : cell.locals()) {
                scan(b.type(), used, seen, structuralUsed);
            }
            scan(cell.returnType(), used, seen, structuralUsed);
        }
        for (RecordInfo r : program.symbols().records().values()) {
            for (RecordInfo.Field f : r.fields()) {
                scan(f.type(), used, seen, structuralUsed);
            }
        }
        // Tool outputs get their names in alias declaration order, used or not, so the name of one does
        // not depend on which other tools a document happens to call.
        for (ToolAlias alias : program.symbols().tools().values()) {
            if (alias.signature() != null && alias.signature().output() instanceof RecordType r
                    && r.isStructural() && nameOf(r) == null) {
                structural.add(Map.entry(r, alias.alias() + "$output"));
            }
            alias.mcpOutputs().forEach((tool, type) -> {
                if (outputRecord(type) instanceof RecordType r && nameOf(r) == null) {
                    structural.add(Map.entry(r, mcpOutputName(alias.alias(), tool)));
                }
            });
        }

        for (Decl decl : program.program().decls()) {
            if (decl instanceof Decl.Record rd) {
                RecordInfo info = program.symbols().record(rd.name().name());
                if (info != null && info.decl() == rd) {
                    add(new TypeDef.RecordDef(info.name(), List.of()));
                    userRecords.put(info.name(), info);
                }
            } else if (decl instanceof Decl.Enum ed) {
                EnumInfo info = program.symbols().enumeration(ed.name().name());
                if (info != null && info.decl() == ed) {
                    add(new TypeDef.EnumDef(info.name(), info.type().variants()));
                }
            }
        }
        for (RecordType b : RecordType.BUILTINS) {
            if (used.contains(b.name())) {
                add(recordDef(b.name(), b.fields()));
            }
        }
        // A structural type that no alias returns (a record inside an MCP tool's output) is named by its
        // first use. Every name is known before any entry is written, since one record's fields name others.
        int extra = 0;
        for (RecordType r : structuralUsed.keySet()) {
            if (nameOf(r) == null) {
                structural.add(Map.entry(r, "Record$" + (++extra)));
            }
        }
        for (Map.Entry<RecordType, String> e : structural) {
            if (structuralUsed.containsKey(e.getKey())) {
                add(recordDef(e.getValue(), e.getKey().fields()));
            }
        }
    }

    /**
     * {@code Alias.tool$output}, the characters of the tool's name that LIR type text cannot hold (an MCP tool
     * may be named `get-sum`) written as {@code _}, and numbered when that makes it another output's name.
     */
    private String mcpOutputName(String alias, String tool) {
        String name = alias + "." + tool.replaceAll("[^\\p{L}\\p{Nd}_]", "_") + "$output";
        java.util.Set<String> taken = new HashSet<>();
        structural.forEach(e -> taken.add(e.getValue()));
        String unique = name;
        for (int n = 2; taken.contains(unique); n++) {
            unique = name + n;
        }
        return unique;
    }

    /** The anonymous record an MCP tool returns (it or null); null when it returns none. */
    private static RecordType outputRecord(Type type) {
        java.util.Collection<Type> members = type instanceof Type.UnionType u ? u.members() : List.of(type);
        for (Type t : members) {
            if (t instanceof RecordType r && r.isStructural()) {
                return r;
            }
        }
        return null;
    }

    private void scan(Type t, Set<String> used, Set<Object> seen, Map<RecordType, Boolean> structuralUsed) {
        if (t == null) {
            return;
        }
        switch (t) {
            case Type.ListType l -> scan(l.element(), used, seen, structuralUsed);
            case Type.MapType m -> scan(m.value(), used, seen, structuralUsed);
            case Type.ResultType r -> {
                scan(r.ok(), used, seen, structuralUsed);
                scan(r.err(), used, seen, structuralUsed);
            }
            case Type.UnionType u -> u.members().forEach(m -> scan(m, used, seen, structuralUsed));
            case RecordType r -> {
                if (!seen.add(r)) {
                    return;
                }
                if (r.kind() == RecordType.Kind.USER) {
                    return; // its fields are scanned with the program's records, not through every record that holds it
                }
                if (r.kind() == RecordType.Kind.BUILTIN) {
                    used.add(r.name());
                } else {
                    structuralUsed.putIfAbsent(r, Boolean.TRUE);
                }
                r.fields().values().forEach(f -> scan(f, used, seen, structuralUsed));
            }
            default -> {
            }
        }
    }

    private TypeDef.RecordDef recordDef(String name, Map<String, Type> fields) {
        List<TypeDef.FieldDef> out = new ArrayList<>();
        fields.forEach((n, t) -> out.add(new TypeDef.FieldDef(n, lir(t), -1, null)));
        return new TypeDef.RecordDef(name, List.copyOf(out));
    }

    private int add(TypeDef def) {
        int index = entries.size();
        entries.add(def);
        byName.put(def.name(), index);
        return index;
    }

    private String nameOf(RecordType structuralType) {
        for (Map.Entry<RecordType, String> e : structural) {
            if (e.getKey().equals(structuralType)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Fills in a user record's fields once the constraint cells are numbered. */
    void defineRecord(RecordInfo info, List<TypeDef.FieldDef> fields) {
        entries.set(byName.get(info.name()), new TypeDef.RecordDef(info.name(), List.copyOf(fields)));
    }

    /** The user records, in table order. */
    List<RecordInfo> userRecords() {
        return List.copyOf(userRecords.values());
    }

    List<TypeDef> entries() {
        return List.copyOf(entries);
    }

    /** The table index of a record or enum type by name. */
    int indexOfNamed(String name) {
        Integer i = byName.get(name);
        if (i == null) {
            throw new IllegalStateException("type `" + name + "` is not in the type table");
        }
        return i;
    }

    /** The table index of any type: its record or enum entry, or an alias entry added on first use. */
    int indexOf(Type t) {
        LirType lt = lir(t);
        if (t instanceof RecordType || t instanceof EnumType) {
            return indexOfNamed(((LirType.Named) lt).name());
        }
        String name = lt.toString();
        Integer i = byName.get(name);
        if (i != null) {
            return i;
        }
        return add(new TypeDef.AliasDef(name, lt));
    }

    /** The LIR form of a checker type. */
    LirType lir(Type t) {
        return switch (t) {
            case Type.Primitive p -> LirType.Primitive.valueOf(p.name());
            case Type.ListType l -> new LirType.ListOf(lir(l.element()));
            case Type.MapType m -> new LirType.MapOf(lir(m.value()));
            case Type.ResultType r -> new LirType.ResultOf(lir(r.ok()), lir(r.err()));
            case Type.UnionType u -> {
                List<LirType> members = new ArrayList<>();
                for (Type m : u.members()) {
                    members.add(lir(m));
                }
                members.sort(Comparator.comparing((LirType m) -> m == LirType.Primitive.NULL)
                        .thenComparing(LirType::toString));
                yield new LirType.UnionOf(List.copyOf(members));
            }
            case RecordType r -> {
                if (!r.isStructural()) {
                    yield new LirType.Named(r.name());
                }
                String name = nameOf(r);
                if (name == null) {
                    throw new IllegalStateException("anonymous record " + r + " has no type table entry");
                }
                yield new LirType.Named(name);
            }
            case EnumType e -> new LirType.Named(e.name());
            // `return` and `halt` have no value; nothing is ever stored with this type.
            case Type.Never n -> LirType.Primitive.NULL;
            case Type.ErrorType e -> throw new IllegalStateException("lowering a program that has type errors");
        };
    }
}
