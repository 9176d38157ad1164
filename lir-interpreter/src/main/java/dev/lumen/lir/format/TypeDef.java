package dev.lumen.lir.format;

import java.util.List;

/**
 * An entry of the module's type table: a record (user-defined, built-in, or a tool's output), an enum, or
 * an alias naming any other type, so that instructions whose operand is a type (SCHEMA, VALIDATE, ISTYPE)
 * can refer to `list[Entry]` or `Int` as well.
 */
public sealed interface TypeDef {

    String name();

    record RecordDef(String name, List<FieldDef> fields) implements TypeDef {
    }

    /**
     * A record field. {@code constraintCell} is the index of the pure cell that evaluates the field's
     * `where` clause (parameters: the record's fields in order; returns Bool), or -1; {@code constraint}
     * is the clause as written in the source, for validation messages.
     */
    record FieldDef(String name, LirType type, int constraintCell, String constraint) {
    }

    record EnumDef(String name, List<String> variants) implements TypeDef {
    }

    /**
     * A type that is neither a record nor an enum — a primitive, list, map, result or union — entered in the
     * table because an instruction refers to it by index (`expect schema list[Entry]`, a `n: Int` pattern on
     * an `Int | String` value). {@code name} is the type's text, {@code type.toString()}.
     */
    record AliasDef(String name, LirType type) implements TypeDef {
    }
}
