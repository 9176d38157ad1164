package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.types.EnumType;

/** A user enum: its declaration and its type (duplicate variants dropped). */
public record EnumInfo(Decl.Enum decl, EnumType type) {

    public String name() {
        return decl.name().name();
    }
}
