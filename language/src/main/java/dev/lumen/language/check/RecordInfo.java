package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;

/** A user record: its declaration, its type and its fields with their `where` constraints. */
public final class RecordInfo {

    /** A field; {@code constraint} is its checked `where` expression (type Bool) or null. */
    public record Field(String name, Type type, Expr constraint, Decl.Field decl) {
    }

    private final Decl.Record decl;
    private final RecordType type;
    private final List<Field> fields = new ArrayList<>();

    RecordInfo(Decl.Record decl) {
        this.decl = decl;
        this.type = RecordType.user(decl.name().name());
    }

    public String name() {
        return decl.name().name();
    }

    public Decl.Record decl() {
        return decl;
    }

    public RecordType type() {
        return type;
    }

    /** Fields in declaration order (duplicates dropped). */
    public List<Field> fields() {
        return List.copyOf(fields);
    }

    void addField(Field f) {
        fields.add(f);
    }
}
