package dev.lumen.lir.intrinsics.builtins;

public final class Min extends Extremum {
    public Min() {
        super("min", "the smaller argument", true);
    }
}
