package dev.lumen.language.check;

import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import java.util.List;

/** The built-in functions of Lumen v1, as the checker looks them up in the registry ({@link Intrinsic}). */
public final class Intrinsics {
    private static final List<String> NAMES = Intrinsic.definitions().stream().map(IntrinsicDef::name).toList();

    private Intrinsics() {
    }

    /** The intrinsic of this name, or null. */
    public static IntrinsicDef find(String name) {
        return Intrinsic.definition(name);
    }

    /** Every intrinsic's name, in the registry's order (the order of "did you mean" candidates). */
    public static List<String> names() {
        return NAMES;
    }
}
