package dev.lumen.language.check;

import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.lir.intrinsics.TermTypes;

/** The checker's types for the type terms of the intrinsics' signatures; a variable nothing bound stands for Error. */
final class IntrinsicTypes implements TermTypes<Type> {
    static final IntrinsicTypes INSTANCE = new IntrinsicTypes();

    private IntrinsicTypes() {
    }

    @Override
    public Type named(String name) {
        for (Type.Primitive p : Type.Primitive.values()) {
            if (p.toString().equals(name)) {
                return p;
            }
        }
        return RecordType.BUILTINS.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no built-in type " + name));
    }

    @Override
    public Type listOf(Type element) {
        return Type.list(element);
    }

    @Override
    public Type mapOf(Type value) {
        return Type.map(value);
    }

    @Override
    public Type resultOf(Type ok, Type err) {
        return Type.result(ok, err);
    }

    @Override
    public Type elementOf(Type t) {
        return t instanceof Type.ListType l ? l.element() : null;
    }

    @Override
    public Type valueOf(Type t) {
        return t instanceof Type.MapType m ? m.value() : null;
    }

    @Override
    public Type okOf(Type t) {
        return t instanceof Type.ResultType r ? r.ok() : null;
    }

    @Override
    public Type errOf(Type t) {
        return t instanceof Type.ResultType r ? r.err() : null;
    }

    @Override
    public Type unbound() {
        return Type.ERROR;
    }
}
