package dev.lumen.language.check;

import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;

/** What `x.name` means. */
public sealed interface FieldRef {

    /** Reading field {@code index} (declaration order) of a record value. */
    record RecordField(RecordType record, String field, int index) implements FieldRef {
    }

    /** `Enum.Variant`: an enum constant. */
    record EnumVariant(EnumType type, String variant, int ordinal) implements FieldRef {
    }
}
