package dev.lumen.lir.format;

import dev.lumen.lir.intrinsics.TermTypes;

/** LIR types for the type terms of the intrinsics' signatures; a variable nothing bound stands for nothing (null). */
final class LirTermTypes implements TermTypes<LirType> {
    static final LirTermTypes INSTANCE = new LirTermTypes();

    private LirTermTypes() {
    }

    @Override
    public LirType named(String name) {
        for (LirType.Primitive p : LirType.Primitive.values()) {
            if (p.toString().equals(name)) {
                return p;
            }
        }
        return new LirType.Named(name);
    }

    @Override
    public LirType listOf(LirType element) {
        return new LirType.ListOf(element);
    }

    @Override
    public LirType mapOf(LirType value) {
        return new LirType.MapOf(value);
    }

    @Override
    public LirType resultOf(LirType ok, LirType err) {
        return new LirType.ResultOf(ok, err);
    }

    @Override
    public LirType elementOf(LirType t) {
        return t instanceof LirType.ListOf l ? l.element() : null;
    }

    @Override
    public LirType valueOf(LirType t) {
        return t instanceof LirType.MapOf m ? m.value() : null;
    }

    @Override
    public LirType okOf(LirType t) {
        return t instanceof LirType.ResultOf r ? r.ok() : null;
    }

    @Override
    public LirType errOf(LirType t) {
        return t instanceof LirType.ResultOf r ? r.err() : null;
    }

    @Override
    public LirType unbound() {
        return null;
    }
}
