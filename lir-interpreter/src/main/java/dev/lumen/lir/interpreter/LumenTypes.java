package dev.lumen.lir.interpreter;

import dev.lumen.lir.format.BuiltinRecords;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import dev.lumen.lir.values.LumenEnumType;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a module's static types to run-time {@link LumenType}s: one {@link LumenRecordType} or
 * {@link LumenEnumType} object per declaration of the type table, the built-in records (spec §5.8) when
 * a type names one the table does not declare, and structural types for everything else.
 */
final class LumenTypes {
    private final LirModule module;
    private final Map<String, LumenType> named = new HashMap<>();
    /** The run-time type of each type-table entry, by index. */
    final LumenType[] table;

    LumenTypes(LirModule module) {
        this.module = module;
        List<TypeDef> defs = module.types();
        table = new LumenType[defs.size()];
        // Nominal types first, so fields can refer to any of them (and to themselves).
        for (int i = 0; i < defs.size(); i++) {
            TypeDef d = defs.get(i);
            if (d instanceof TypeDef.RecordDef r) {
                String[] names = r.fields().stream().map(TypeDef.FieldDef::name).toArray(String[]::new);
                table[i] = new LumenRecordType(r.name(), names);
                named.put(r.name(), table[i]);
            } else if (d instanceof TypeDef.EnumDef e) {
                table[i] = new LumenEnumType(e.name(), e.variants().toArray(String[]::new));
                named.put(e.name(), table[i]);
            }
        }
        for (int i = 0; i < defs.size(); i++) {
            TypeDef d = defs.get(i);
            if (d instanceof TypeDef.RecordDef r) {
                LumenType[] types = r.fields().stream().map(fd -> resolve(fd.type())).toArray(LumenType[]::new);
                ((LumenRecordType) table[i]).setFieldTypes(types);
            } else if (d instanceof TypeDef.AliasDef a) {
                table[i] = resolve(a.type());
                named.putIfAbsent(a.name(), table[i]);
            }
        }
    }

    LumenType resolve(LirType t) {
        return switch (t) {
            case LirType.Primitive p -> switch (p) {
                case STRING -> LumenType.Primitive.STRING;
                case INT -> LumenType.Primitive.INT;
                case FLOAT -> LumenType.Primitive.FLOAT;
                case BOOL -> LumenType.Primitive.BOOL;
                case BYTES -> LumenType.Primitive.BYTES;
                case JSON -> LumenType.Primitive.JSON;
                case NULL -> LumenType.Primitive.NULL;
            };
            case LirType.ListOf l -> new LumenType.ListType(resolve(l.element()));
            case LirType.MapOf m -> new LumenType.MapType(resolve(m.value()));
            case LirType.ResultOf r -> new LumenType.ResultType(resolve(r.ok()), resolve(r.err()));
            case LirType.UnionOf u -> new LumenType.UnionType(u.members().stream().map(this::resolve).toArray(LumenType[]::new));
            case LirType.Named n -> named(n.name());
        };
    }

    private LumenType named(String name) {
        LumenType t = named.get(name);
        if (t != null) {
            return t;
        }
        List<TypeDef.FieldDef> fields = BuiltinRecords.FIELDS.get(name);
        if (fields == null) {
            throw new IllegalArgumentException("type `" + name + "` is not in the module's type table");
        }
        LumenRecordType r = new LumenRecordType(name, fields.stream().map(TypeDef.FieldDef::name).toArray(String[]::new));
        named.put(name, r);
        LumenType[] types = new LumenType[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = resolve(fields.get(i).type());
        }
        r.setFieldTypes(types);
        return r;
    }

    /** The run-time type of type-table entry {@code index}. */
    LumenType entry(int index) {
        return table[index];
    }

    LirModule module() {
        return module;
    }
}
