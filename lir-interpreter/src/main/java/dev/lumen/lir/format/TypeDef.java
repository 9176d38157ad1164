package dev.lumen.lir.format;

import java.util.List;

/** An entry of the module's type table: a record (user-defined or built-in) or an enum. */
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
}
